/** The Audit page (being built). */
import type { PageProps } from '../pages.js';

export function Audit(_props: PageProps) {
  return <p class="muted">…</p>;
}
