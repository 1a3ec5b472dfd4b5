import { PRODUCT_COUNT } from "./data.js";

/** The one operation of workload (a): 50 products with their stock, reviews and each review's author. */
export const BENCH_QUERY = `query TopProducts($offset: Int!) {
  topProducts(first: 50, offset: $offset) {
    upc name price weight tags
    inStock shippingEstimate
    warehouses { warehouse quantity }
    reviews { id body rating author { id name username birthYear } }
  }
}`;

export const ENTITIES_PER_QUERY = 50;

/**
 * The variables of the n-th request: a different window of products each time (a prime stride, so
 * consecutive requests do not overlap much and the same window comes back only after thousands).
 */
export function benchVariables(n: number): { offset: number } {
  return { offset: (n * 37) % (PRODUCT_COUNT - ENTITIES_PER_QUERY + 1) };
}
