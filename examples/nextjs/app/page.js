'use client';
// The scanner is a client-only module: next/dynamic with `ssr: false` never evaluates it on the
// server (prerendering shows the fallback), and webpack serves the package's .wasm and worker from
// /_next/static like any other asset of the app.
import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';

const Scanners = dynamic(() => import('./scanners.js'), { ssr: false, loading: () => <p>Đang tải…</p> });

export default function Page() {
  const [mounted, setMounted] = useState(true);
  useEffect(() => {
    document.body.dataset.ready = 'true';
  }, []);
  return (
    <main>
      <h1>cccd-verify · Next.js</h1>
      <button id="toggle" onClick={() => setMounted((m) => !m)}>{mounted ? 'Gỡ' : 'Gắn'}</button>
      {mounted && <Scanners />}
    </main>
  );
}
