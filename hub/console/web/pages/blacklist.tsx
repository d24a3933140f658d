/** The Blacklist page (being built). */
import type { PageProps } from '../pages.js';

export function Blacklist(_props: PageProps) {
  return <p class="muted">…</p>;
}
