import { useSecondsUntil } from '../hooks';
import type { Problem } from '../problems';
import { waitInWords } from '../time';

interface NoticeProps {
  problem: Problem;
  onDismiss?: () => void;
}

/** An error (announced at once) or an information line, with a live wait when there is one. */
export function Notice({ problem, onDismiss }: NoticeProps) {
  const secondsLeft = useSecondsUntil(problem.retryAt);
  return (
    <div
      className={`notice notice-${problem.tone}`}
      role={problem.tone === 'error' ? 'alert' : 'status'}
    >
      <p>
        {problem.text}
        {problem.retryAt !== undefined && (
          // Announced once with the notice, not every second.
          <span aria-live="off" className="notice-wait">
            {' '}
            {secondsLeft > 0 ? (
              <>
                Try again in <strong>{waitInWords(secondsLeft)}</strong>.
              </>
            ) : (
              'You can try again now.'
            )}
          </span>
        )}
      </p>
      {problem.reference !== undefined && (
        <p className="notice-reference">Reference: {problem.reference}</p>
      )}
      {onDismiss && (
        <button type="button" className="notice-dismiss" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}
