import { createChatClient } from '@careguide/chat-sdk';
import { useState, type FormEvent } from 'react';
import { toChatAuth, USER_ID_PATTERN, type StoredAuth } from '../auth';
import { describeError, type Problem } from '../problems';
import { Notice } from './Notice';

interface SignInProps {
  initialProblem: Problem | undefined;
  onSignedIn: (auth: StoredAuth) => void;
}

/** Sign in with a user id (servers in development mode) or a pasted access token. */
export function SignIn({ initialProblem, onSignedIn }: SignInProps) {
  const [method, setMethod] = useState<'user' | 'token'>('user');
  const [userId, setUserId] = useState('');
  const [token, setToken] = useState('');
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(initialProblem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const auth: StoredAuth =
      method === 'user'
        ? { kind: 'user', userId: userId.trim() }
        : { kind: 'token', token: token.trim() };
    if (auth.kind === 'user' && !USER_ID_PATTERN.test(auth.userId)) {
      setProblem({ tone: 'error', text: 'A user id is 1 to 64 letters, digits, _ or -.' });
      return;
    }
    if (auth.kind === 'token' && auth.token === '') {
      setProblem({ tone: 'error', text: 'Paste an access token first.' });
      return;
    }
    setChecking(true);
    setProblem(undefined);
    try {
      // One cheap call tells whether the server accepts this sign-in.
      await createChatClient({ auth: toChatAuth(auth) }).listRooms({ limit: 1 });
      onSignedIn(auth);
    } catch (error) {
      const described = describeError(error, 'load');
      setProblem(
        described.signedOut
          ? {
              tone: 'error',
              text:
                auth.kind === 'user'
                  ? 'The server did not accept a user id: it may require a token (AUTH_MODE=jwt).'
                  : 'The server did not accept this token: it may be expired or signed with another key.',
            }
          : described,
      );
      setChecking(false);
    }
  }

  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <h1>
          <span className="brand-mark" aria-hidden="true" />
          CareGuide Chat
        </h1>
        <p className="sign-in-intro">
          Talk with care assistants about kidney disease, diet and support services. Answers stream
          as they are written; you can stop one at any time.
        </p>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <fieldset className="method">
            <legend>Sign in with</legend>
            <label>
              <input
                type="radio"
                name="method"
                value="user"
                checked={method === 'user'}
                onChange={() => setMethod('user')}
              />
              A user id (development mode)
            </label>
            <label>
              <input
                type="radio"
                name="method"
                value="token"
                checked={method === 'token'}
                onChange={() => setMethod('token')}
              />
              An access token
            </label>
          </fieldset>
          {method === 'user' ? (
            <div className="field">
              <label htmlFor="user-id">User id</label>
              <input
                id="user-id"
                name="user_id"
                autoComplete="username"
                autoFocus
                value={userId}
                onChange={(event) => setUserId(event.target.value)}
                aria-describedby="user-id-hint"
                spellCheck={false}
              />
              <p className="hint" id="user-id-hint">
                For example <code>user_123</code>. Works when the server runs in development mode.
              </p>
            </div>
          ) : (
            <div className="field">
              <label htmlFor="token">Access token</label>
              <textarea
                id="token"
                name="token"
                rows={4}
                autoFocus
                value={token}
                onChange={(event) => setToken(event.target.value)}
                aria-describedby="token-hint"
                spellCheck={false}
              />
              <p className="hint" id="token-hint">
                A JWT from your sign-in provider. Locally: <code>npm run token -- user_123</code>.
              </p>
            </div>
          )}
          {problem && <Notice problem={problem} />}
          <button type="submit" className="primary" disabled={checking}>
            {checking ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
