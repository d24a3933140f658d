/** The Cards page (being built). */
import type { PageProps } from '../pages.js';

export function Cards(_props: PageProps) {
  return <p class="muted">…</p>;
}
