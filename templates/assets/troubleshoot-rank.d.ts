export interface RankEdge {
  id: string;
  signing: boolean;
  hints: string[];
  errors: Array<{ text: string; loggedBy?: string }>;
}
export interface Candidate {
  id: string;
  score: number;
  matched: string[];
}
export function detectComponent(line: string): string | undefined;
export function logLines(text: string): string[];
export function rankEdges(line: string, edges: RankEdge[], component?: string): Candidate[];
export interface LineCandidate extends Candidate {
  /** How many lines rank this edge first. */
  lines: number;
  /** Index (from 0, among non-empty lines) of the first line that ranks it first. */
  first: number;
}
export function rankLines(text: string, edges: RankEdge[], component?: string): { lines: number; matchedLines: number; edges: LineCandidate[] };
