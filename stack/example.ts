/** The query `npm start` prints: one customer walked through all four systems, with some of its judgements. */
export function exampleQuery(customerId: string): string {
  return `{ customer(id: "${customerId}") { id name kind region { code name } accounts { accountNo paymentMethod bills(unpaidOnly: true) { billNo month amountFen paidFen dueDate state } } subscriptions { serviceNo product status network { status } } keyAccount { level relationship manager { name phone } } credit { score list } valueTier { tier } arrears { totalFen dunningStage } } }`;
}
