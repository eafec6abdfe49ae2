/** What a message to a claim's debtor needs of the claim (collections reads it through api.ts). Amounts in minor units. */
export interface ClaimForMessaging {
  claimReference: string;
  accountReference: string | null;
  status: 'ACTIVE' | 'RESOLVED';
  /** Principal plus fees still due. */
  amountDue: number;
  currency: string;
  dueDate: string;
  paymentReference: string | null;
  /** The wire Debtor (the claim's primaryDebtor), as stored. */
  debtor: Record<string, unknown> | null;
}
