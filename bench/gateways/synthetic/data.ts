/**
 * The synthetic catalogue behind workload (a), built once at start so a subgraph's answer costs a
 * lookup, not a computation. Deterministic: every gateway sees the same entities for the same offset.
 */

export interface User {
  id: string;
  name: string;
  username: string;
  birthYear: number;
}

export interface Review {
  id: string;
  body: string;
  rating: number;
  authorId: string;
  upc: string;
}

export interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
  tags: string[];
}

export interface Stock {
  warehouse: string;
  quantity: number;
}

export interface Catalogue {
  products: Product[];
  productByUpc: Map<string, Product>;
  users: Map<string, User>;
  reviewsByUpc: Map<string, Review[]>;
  reviewsByAuthor: Map<string, Review[]>;
  stockByUpc: Map<string, Stock[]>;
}

export const PRODUCT_COUNT = 10_000;
const USER_COUNT = 1_000;
const REVIEWS_PER_PRODUCT = 3;
const WORDS = ["sturdy", "quiet", "compact", "bright", "reliable", "heavy", "light", "cheap", "solid", "smooth", "fast", "warm"];
const TAGS = ["home", "office", "outdoor", "kitchen", "travel", "garden", "kids", "tools"];
const WAREHOUSES = ["Nanjing", "Suzhou", "Wuxi", "Changzhou", "Yangzhou"];

/** A small linear congruential generator: the same catalogue on every run, without a dependency. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export function buildCatalogue(): Catalogue {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const users = new Map<string, User>();
  for (let i = 1; i <= USER_COUNT; i++) {
    const id = `u${i}`;
    users.set(id, { id, name: `User ${i} ${pick(WORDS)}`, username: `user${i}`, birthYear: 1950 + Math.floor(next() * 55) });
  }
  const products: Product[] = [];
  const reviewsByUpc = new Map<string, Review[]>();
  const reviewsByAuthor = new Map<string, Review[]>();
  const stockByUpc = new Map<string, Stock[]>();
  for (let i = 1; i <= PRODUCT_COUNT; i++) {
    const upc = `upc-${String(i).padStart(5, "0")}`;
    products.push({
      upc,
      name: `Product ${i}, ${pick(WORDS)} and ${pick(WORDS)}`,
      price: 100 + Math.floor(next() * 99_900),
      weight: 50 + Math.floor(next() * 5_000),
      tags: [pick(TAGS), pick(TAGS), pick(TAGS)],
    });
    stockByUpc.set(upc, [
      { warehouse: pick(WAREHOUSES), quantity: Math.floor(next() * 500) },
      { warehouse: pick(WAREHOUSES), quantity: Math.floor(next() * 500) },
    ]);
    const reviews: Review[] = [];
    for (let r = 1; r <= REVIEWS_PER_PRODUCT; r++) {
      const authorId = `u${1 + Math.floor(next() * USER_COUNT)}`;
      const review = {
        id: `${upc}-r${r}`,
        body: `The product is ${pick(WORDS)}, ${pick(WORDS)} and ${pick(WORDS)}; I would buy it again for the price.`,
        rating: 1 + Math.floor(next() * 5),
        authorId,
        upc,
      };
      reviews.push(review);
      const byAuthor = reviewsByAuthor.get(authorId) ?? [];
      byAuthor.push(review);
      reviewsByAuthor.set(authorId, byAuthor);
    }
    reviewsByUpc.set(upc, reviews);
  }
  return { products, productByUpc: new Map(products.map((p) => [p.upc, p])), users, reviewsByUpc, reviewsByAuthor, stockByUpc };
}
