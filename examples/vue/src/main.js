// Vue 3: the useCccdScanner composable and the <cccd-scanner> element, with render functions.
import { createApp, defineComponent, h, onMounted, ref, shallowRef } from 'vue';
import { defineCccdScanner } from 'cccd-verify/scan/element';
import { useCccdScanner } from './useCccdScanner.js';
import { shown } from './shown.js';

const params = new URLSearchParams(location.search);
const NOW = params.get('now') ?? undefined; // "today" for expiry checks (tests pin it)
const AUTOSTART = params.has('autostart');

// Custom elements are registered before Vue renders one.
defineCccdScanner();

const card = (c, id) =>
  c &&
  h('dl', { id, 'data-id': c.idNumber.value }, [
    h('dt', 'Họ và tên'),
    h('dd', shown(c.fullName)), // text, never innerHTML
    h('dt', 'Số CCCD'),
    h('dd', c.idNumber.value),
    h('dt', 'Cảnh báo'),
    h('dd', c.findings.map((f) => f.message).join(' · ') || '—'),
  ]);

const HookScanner = defineComponent(() => {
  const { video, state, result, error, start, stop } = useCccdScanner({ now: NOW, autoStart: AUTOSTART });
  return () =>
    h('section', { 'data-state': state.value }, [
      h('h2', 'useCccdScanner'),
      h('video', { ref: video, muted: true, playsinline: true, width: 320 }),
      h('button', { id: 'hook-start', onClick: start }, 'Quét'),
      h('button', { id: 'hook-stop', onClick: stop }, 'Dừng'),
      error.value && h('p', { id: 'hook-error', role: 'alert' }, error.value.message),
      card(result.value?.card, 'hook-card'),
    ]);
});

const ElementScanner = defineComponent(() => {
  const found = shallowRef(null);
  // Vue listens to a custom element's `card` event through `onCard`.
  return () =>
    h('section', [
      h('h2', '<cccd-scanner>'),
      h('cccd-scanner', { id: 'el', lang: 'vi', now: NOW, onCard: (e) => (found.value = e.detail.card) }),
      card(found.value, 'el-card'),
    ]);
});

const App = defineComponent(() => {
  const mounted = ref(true);
  onMounted(() => (document.body.dataset.ready = 'true'));
  return () =>
    h('main', [
      h('h1', 'cccd-verify · Vue'),
      h('button', { id: 'toggle', onClick: () => (mounted.value = !mounted.value) }, mounted.value ? 'Gỡ' : 'Gắn'),
      mounted.value && h(HookScanner),
      mounted.value && h(ElementScanner),
    ]);
});

createApp(App).mount('#app');
