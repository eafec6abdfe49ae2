// The link's token and the session's id: 256 random bits each, only their SHA-256 stored (the purchase link's scheme).
export { hashPurchaseToken as hashSecret, isWellFormedToken as isWellFormedSecret, newPurchaseToken as newSecret } from '../connect/token.js';
