/** The Activity page (being built). */
import type { PageProps } from '../pages.js';

export function Activity(_props: PageProps) {
  return <p class="muted">…</p>;
}
