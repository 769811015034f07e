// useCccdScanner: the camera scanner of cccd-verify/scan as a React hook. The scanner is made in
// an effect and destroyed in its cleanup, so StrictMode's mount → unmount → mount (and any
// unmount while the permission prompt is open) leaves no camera on: stop() cancels a pending
// start and releases a stream that arrives late.
import { useCallback, useEffect, useRef, useState } from 'react';
import { CameraScanner } from 'cccd-verify/scan';

/**
 * @param {{ lang?: 'vi' | 'en', now?: string, autoStart?: boolean }} options
 * @returns {{ videoRef: import('react').RefObject<HTMLVideoElement | null>, state: string,
 *   result: import('cccd-verify').ScanResult | null, error: Error | null, start(): void, stop(): void }}
 */
export function useCccdScanner({ lang = 'vi', now, autoStart = false } = {}) {
  const videoRef = useRef(null);
  const scannerRef = useRef(null);
  const [state, setState] = useState('idle');
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    const scanner = new CameraScanner({ video: videoRef.current ?? undefined, lang, now });
    scannerRef.current = scanner;
    const onState = (e) => setState(e.detail.state);
    const onCard = (e) => setResult(e.detail);
    const onError = (e) => setError(e.detail);
    scanner.addEventListener('state', onState);
    scanner.addEventListener('card', onCard);
    scanner.addEventListener('error', onError);
    if (autoStart) scanner.start().catch((e) => e.name !== 'AbortError' && setError(e));
    return () => {
      scanner.removeEventListener('state', onState);
      scanner.removeEventListener('card', onCard);
      scanner.removeEventListener('error', onError);
      scanner.destroy();
      if (scannerRef.current === scanner) scannerRef.current = null;
    };
  }, [lang, now, autoStart]);

  const start = useCallback(() => {
    setError(null);
    scannerRef.current?.start().catch((e) => e.name !== 'AbortError' && setError(e));
  }, []);
  const stop = useCallback(() => scannerRef.current?.stop(), []);
  return { videoRef, state, result, error, start, stop };
}
