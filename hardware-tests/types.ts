/**
 * What a self-test step reports, and the vocabulary shared by the suites, the command and the
 * remote run: suites, statuses and the regulations' repair categories.
 */

/** The suites, in the order they run (the clock last: its steadiness check spans the whole run). */
export const SUITES = ['reader', 'relay', 'valve', 'meter', 'journal', 'hub', 'clock'] as const;
export type SuiteName = (typeof SUITES)[number];

export type StepStatus = 'pass' | 'fail' | 'skip';

/** Repair request categories of the regulations (DESIGN.md), as stable slugs. */
export const REPAIR_CATEGORIES = ['electricity_meter', 'water_meter', 'door', 'consumption', 'permissions', 'other'] as const;
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<RepairCategory, string> = {
  electricity_meter: 'electricity meter',
  water_meter: 'water meter',
  door: 'door',
  consumption: 'consumption',
  permissions: 'permissions',
  other: 'other',
};

/** The point id of steps about the controller itself (journal storage, clock, hub link). */
export const CONTROLLER_COMPONENT_POINT = 'controller';

export interface StepResult {
  suite: SuiteName;
  /** A driver's name (`main-door/relay`, `shower-1/flow`) or `journal`, `clock`, `hub`. */
  component: string;
  /** The point the component belongs to, or `controller`. */
  pointId: string;
  /** The step within the suite: present, card, pulse, feedback, open, flow, close, read, ... */
  step: string;
  status: StepStatus;
  /** Where a repair request for a failure goes. */
  category: RepairCategory;
  /** The measured figure with its unit ('' when nothing was measured). */
  figure: string;
  /** What was observed (for a skip: why it was skipped). */
  detail: string;
  /**
   * On a failure: a stable slug naming the diagnosis (`relay_stuck_closed`, `meter_crc`, `clock_offset`), so a
   * console can say the cause and the remedy in its own language; '' on a pass or a skip.
   */
  code: string;
  /** On a failure: the likely cause ('' otherwise). */
  cause: string;
  /** On a failure: what to do ('' otherwise). */
  remedy: string;
  /** How long the step took, on the monotonic clock. */
  durationMs: number;
}

export function isSuiteName(name: string): name is SuiteName {
  return (SUITES as readonly string[]).includes(name);
}
