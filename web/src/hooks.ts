import { useEffect, useState } from 'react';

/** Whole seconds left until `target` (epoch ms), updated every second; 0 once passed. */
export function useSecondsUntil(target: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (target === undefined || target <= Date.now()) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= target) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [target]);
  return target === undefined ? 0 : Math.max(0, Math.ceil((target - now) / 1000));
}
