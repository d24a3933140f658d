/** The Maintenance page (being built). */
import type { PageProps } from '../pages.js';

export function Maintenance(_props: PageProps) {
  return <p class="muted">…</p>;
}
