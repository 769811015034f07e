'use client';
// Loaded on the client only (app/page.js): the useCccdScanner hook and <cccd-scanner>, as in
// examples/react.
import { useCallback, useEffect, useRef, useState } from 'react';
import { CameraScanner } from 'cccd-verify/scan';
import { defineCccdScanner } from 'cccd-verify/scan/element';

const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
/** Card text as text, with control, bidirectional and zero-width characters made visible. */
const shown = (text) => text.replace(HIDDEN, (c) => `⟦U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);

function useCccdScanner({ lang = 'vi', now, autoStart = false } = {}) {
  const videoRef = useRef(null);
  const scannerRef = useRef(null);
  const [state, setState] = useState('idle');
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    const scanner = new CameraScanner({ video: videoRef.current ?? undefined, lang, now });
    scannerRef.current = scanner;
    scanner.addEventListener('state', (e) => setState(e.detail.state));
    scanner.addEventListener('card', (e) => setResult(e.detail));
    scanner.addEventListener('error', (e) => setError(e.detail));
    if (autoStart) scanner.start().catch((e) => e.name !== 'AbortError' && setError(e));
    return () => {
      scanner.destroy();
      if (scannerRef.current === scanner) scannerRef.current = null;
    };
  }, [lang, now, autoStart]);
  const start = useCallback(() => scannerRef.current?.start().catch((e) => e.name !== 'AbortError' && setError(e)), []);
  const stop = useCallback(() => scannerRef.current?.stop(), []);
  return { videoRef, state, result, error, start, stop };
}

function Card({ card, id }) {
  if (!card) return null;
  return (
    <dl id={id} data-id={card.idNumber.value}>
      <dt>Họ và tên</dt>
      <dd>{shown(card.fullName)}</dd>
      <dt>Số CCCD</dt>
      <dd>{card.idNumber.value}</dd>
    </dl>
  );
}

export default function Scanners() {
  const params = new URLSearchParams(location.search);
  const now = params.get('now') ?? undefined;
  const { videoRef, state, result, error, start, stop } = useCccdScanner({ now, autoStart: params.has('autostart') });
  const el = useRef(null);
  const [elCard, setElCard] = useState(null);
  useEffect(() => {
    defineCccdScanner();
    const node = el.current;
    const onCard = (e) => setElCard(e.detail.card);
    node.addEventListener('card', onCard);
    return () => node.removeEventListener('card', onCard);
  }, []);
  return (
    <>
      <section data-state={state}>
        <h2>useCccdScanner</h2>
        <video ref={videoRef} muted playsInline width="320" />
        <button id="hook-start" onClick={start}>Quét</button>
        <button id="hook-stop" onClick={stop}>Dừng</button>
        {error && <p id="hook-error" role="alert">{error.message}</p>}
        <Card card={result?.card} id="hook-card" />
      </section>
      <section>
        <h2>&lt;cccd-scanner&gt;</h2>
        <cccd-scanner ref={el} id="el" lang="vi" now={now} />
        <Card card={elCard} id="el-card" />
      </section>
    </>
  );
}
