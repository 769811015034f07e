// useCccdScanner: the camera scanner of cccd-verify/scan as a Vue composable. The scanner is made
// when the component mounts and destroyed when it unmounts: no camera stays on after the
// component is gone, even when it goes while the permission prompt is open.
import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { CameraScanner } from 'cccd-verify/scan';

export function useCccdScanner({ lang = 'vi', now, autoStart = false } = {}) {
  const video = ref(null);
  const state = ref('idle');
  const result = shallowRef(null);
  const error = shallowRef(null);
  let scanner = null;
  const fail = (e) => {
    if (e.name !== 'AbortError') error.value = e;
  };
  onMounted(() => {
    scanner = new CameraScanner({ video: video.value ?? undefined, lang, now });
    scanner.addEventListener('state', (e) => (state.value = e.detail.state));
    scanner.addEventListener('card', (e) => (result.value = e.detail));
    scanner.addEventListener('error', (e) => (error.value = e.detail));
    if (autoStart) scanner.start().catch(fail);
  });
  onBeforeUnmount(() => {
    scanner?.destroy();
    scanner = null;
  });
  const start = () => {
    error.value = null;
    scanner?.start().catch(fail);
  };
  const stop = () => scanner?.stop();
  return { video, state, result, error, start, stop };
}
