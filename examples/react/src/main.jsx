// React 19 under StrictMode: the useCccdScanner hook and the <cccd-scanner> element side by side.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { defineCccdScanner } from 'cccd-verify/scan/element';
import { useCccdScanner } from './useCccdScanner.js';
import { shown } from './shown.js';

const params = new URLSearchParams(location.search);
const NOW = params.get('now') ?? undefined; // "today" for expiry checks (tests pin it)
const AUTOSTART = params.has('autostart');

function Card({ card, id }) {
  if (!card) return null;
  return (
    <dl id={id} data-id={card.idNumber.value}>
      <dt>Họ và tên</dt>
      <dd>{shown(card.fullName)}</dd>
      <dt>Số CCCD</dt>
      <dd>{card.idNumber.value}</dd>
      <dt>Cảnh báo</dt>
      <dd>{card.findings.map((f) => f.message).join(' · ') || '—'}</dd>
    </dl>
  );
}

function HookScanner() {
  const { videoRef, state, result, error, start, stop } = useCccdScanner({ now: NOW, autoStart: AUTOSTART });
  return (
    <section data-state={state}>
      <h2>useCccdScanner</h2>
      <video ref={videoRef} muted playsInline width="320" />
      <button id="hook-start" onClick={start}>Quét</button>
      <button id="hook-stop" onClick={stop}>Dừng</button>
      {error && <p id="hook-error" role="alert">{error.message}</p>}
      <Card card={result?.card} id="hook-card" />
    </section>
  );
}

function ElementScanner() {
  const ref = useRef(null);
  const [card, setCard] = useState(null);
  useEffect(() => {
    defineCccdScanner();
    const el = ref.current;
    const onCard = (e) => setCard(e.detail.card);
    el.addEventListener('card', onCard);
    return () => el.removeEventListener('card', onCard);
  }, []);
  return (
    <section>
      <h2>&lt;cccd-scanner&gt;</h2>
      <cccd-scanner ref={ref} id="el" lang="vi" now={NOW} />
      <Card card={card} id="el-card" />
    </section>
  );
}

function App() {
  const [mounted, setMounted] = useState(true);
  useEffect(() => {
    document.body.dataset.ready = 'true';
  }, []);
  return (
    <main>
      <h1>cccd-verify · React</h1>
      <button id="toggle" onClick={() => setMounted((m) => !m)}>{mounted ? 'Gỡ' : 'Gắn'}</button>
      {mounted && (
        <>
          <HookScanner />
          <ElementScanner />
        </>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
