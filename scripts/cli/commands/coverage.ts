// Placeholder until the coverage command lands (see the open issues); replaced by the real implementation.
import { UserError } from '../../lib/problems.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  name: 'coverage',
  summary: '',
  help: 'certdocs coverage: not available yet',
  async run() {
    throw new UserError('coverage is not implemented yet');
  },
};
