// Placeholder until the impact command lands (see the open issues); replaced by the real implementation.
import { UserError } from '../../lib/problems.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  name: 'impact',
  summary: '',
  help: 'certdocs impact: not available yet',
  async run() {
    throw new UserError('impact is not implemented yet');
  },
};
