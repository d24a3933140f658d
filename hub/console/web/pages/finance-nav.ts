/**
 * The finance page's place in the address: `#/finance?tab=corrections&transfer=canteen-pos-1:7`,
 * so a tab can be linked to and a statement line can open the correction form filled in.
 */
import { useEffect, useState } from 'preact/hooks';

export function hashParams(): URLSearchParams {
  const q = location.hash.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : location.hash.slice(q + 1));
}

/** The address's query, kept current as the address changes. */
export function useHashParams(): URLSearchParams {
  const [params, setParams] = useState(hashParams());
  useEffect(() => {
    const onHash = () => setParams(hashParams());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return params;
}

/** Goes to `#/<page>?<params>` (the shell keeps the page; the page follows the query). */
export function goTo(page: string, params: Record<string, string>): void {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  location.hash = `#/${page}${q ? `?${q}` : ''}`;
}

/** This month as YYYY-MM in the browser's time (the campus's, in practice). */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
