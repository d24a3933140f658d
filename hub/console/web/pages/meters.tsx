/** The Meters page (being built). */
import type { PageProps } from '../pages.js';

export function Meters(_props: PageProps) {
  return <p class="muted">…</p>;
}
