// Placeholder until the check command lands (see the open issues); replaced by the real implementation.
import { UserError } from '../../lib/problems.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  name: 'check',
  summary: '',
  help: 'certdocs check: not available yet',
  async run() {
    throw new UserError('check is not implemented yet');
  },
};
