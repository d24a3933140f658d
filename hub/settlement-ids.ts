/**
 * Ledger accounts of settlement: `system.payouts`, the counterparty of what merchants are paid
 * (money leaving the campus card system for the merchant's bank account), and each merchant's
 * clearing account `settle.<merchantId>`, through which a closed period's takings pass from the
 * merchant's device accounts (`merchant.<deviceId>`, hub/account-ids.ts) to the fee and the payout.
 * The ids follow the device link's id rule (hub/account-ids.ts); a merchant id is at most 48
 * characters so its clearing account id fits in 64.
 */
export const PAYOUTS_ACCOUNT_ID = 'system.payouts';

export const MAX_MERCHANT_ID_LENGTH = 48;

export const settleAccountId = (merchantId: string): string => `settle.${merchantId}`;
