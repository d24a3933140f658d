/** The Finance page (being built). */
import type { PageProps } from '../pages.js';

export function Finance(_props: PageProps) {
  return <p class="muted">…</p>;
}
