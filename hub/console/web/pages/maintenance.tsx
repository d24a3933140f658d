/**
 * Maintenance (运维): devices with a run-now remote self-test and each device's self-test history
 * (maintenance-selftests.tsx), and the repair tickets with their workflow and residents' requests
 * (maintenance-tickets.tsx). Who sees what follows the hub's routes: the devices and their
 * self-tests for maintenance, facilities and the auditor; tickets for them and the card office,
 * which files residents' requests but does not move tickets on.
 */
import { can, type PageProps } from '../pages.js';
import { Devices } from './maintenance-selftests.js';
import { Tickets, categoryName } from './maintenance-tickets.js';

export function Maintenance({ roles }: PageProps) {
  return (
    <div class="maintenance">
      {can(roles, 'maintenance', 'facilities', 'auditor') && <Devices roles={roles} categoryName={categoryName} />}
      <Tickets roles={roles} />
    </div>
  );
}
