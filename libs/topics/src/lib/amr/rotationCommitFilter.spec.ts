import { topicMatchesFilter } from '../topic/topicMatchesFilter.js';
import { rotationCommitFilter } from './rotationCommitFilter.js';
import { rotationCommitAcceptedTopic } from './rotationCommitAcceptedTopic.js';
import { rotationCommitTopic } from './rotationCommitTopic.js';

describe('rotationCommitFilter', () => {
  it('is amr/+/cert/commit and matches every robot commit, not the answers', () => {
    expect(rotationCommitFilter()).toBe('amr/+/cert/commit');
    expect(topicMatchesFilter(rotationCommitFilter(), rotationCommitTopic('AMR-001'))).toBe(true);
    expect(topicMatchesFilter(rotationCommitFilter(), rotationCommitAcceptedTopic('AMR-001'))).toBe(
      false,
    );
  });
});
