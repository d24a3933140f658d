/**
 * Finance (财务结算): three tabs, each linkable (`#/finance?tab=...`):
 * - statements: a merchant's statement of a month (部门结算报表) with its lines, CSV, print, and the
 *   month's figures for every merchant; closing the month for finance;
 * - corrections: tickets awaiting a second approver (四眼原则) with approve and reject, raising one,
 *   and the ones decided lately;
 * - reconciliation: the day's report in readable sections (ledger, seq gaps, chain breaks, held
 *   charges, top-ups against the channels' lists, overdraft), and its CSV.
 */
import { strings } from '../i18n.js';
import type { PageProps } from '../pages.js';
import { Corrections } from './finance-corrections.js';
import { goTo, useHashParams } from './finance-nav.js';
import { ReconciliationReport } from './finance-reconciliation.js';
import { Statements } from './finance-statements.js';

const T = strings({
  zh: { statements: '结算报表', corrections: '消费纠错', reconciliation: '对账报告' },
  en: { statements: 'Statements', corrections: 'Corrections', reconciliation: 'Reconciliation' },
});

const TABS = ['statements', 'corrections', 'reconciliation'] as const;
type Tab = (typeof TABS)[number];

export function Finance({ roles }: PageProps) {
  const params = useHashParams();
  const asked = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'statements';
  return (
    <div class="finance">
      <div class="tabs" role="tablist">
        {TABS.map((id) => (
          <button type="button" role="tab" aria-selected={id === tab} class={id === tab ? 'current' : ''} data-testid={`tab-${id}`} onClick={() => goTo('finance', { tab: id })}>
            {T(id)}
          </button>
        ))}
      </div>
      {tab === 'statements' && <Statements roles={roles} />}
      {tab === 'corrections' && <Corrections roles={roles} transferId={params.get('transfer') ?? ''} />}
      {tab === 'reconciliation' && <ReconciliationReport />}
    </div>
  );
}
