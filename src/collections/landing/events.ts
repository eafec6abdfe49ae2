/** The landing page's event (collections.md §4): every visit, whether or not the visitor passed the second factor. */
export const LANDING_PAGE_VISITED = 'landing_page.visited';

/** A debtor disputed a claim on the page (with a reason and, if given, a document): the claim's journey holds. */
export const DISPUTE_OPENED = 'dispute.opened';

/** The creditor resolved a dispute (management API): the claim's journey goes on. */
export const DISPUTE_RESOLVED = 'dispute.resolved';

export const LANDING_EVENT_TYPES = [LANDING_PAGE_VISITED, DISPUTE_OPENED, DISPUTE_RESOLVED] as const;
