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
export function rankEdges(line: string, edges: RankEdge[], component?: string): Candidate[];
