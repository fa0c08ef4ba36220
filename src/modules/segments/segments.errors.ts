import { defineProblems } from '#src/common/errors/domain-error.js';

export const SegmentsProblems = defineProblems('segments', {
  notFound: { kind: 'not_found', title: 'Segment not found' },
  nameTaken: { kind: 'conflict', title: 'Another segment has this name' },
  staleVersion: { kind: 'conflict', title: 'The segment was changed by someone else' },
  unknownUnits: { kind: 'unprocessable', title: 'The segment names units that are not the organisation’s' },
  unknownSegment: { kind: 'unprocessable', title: 'No segment of the organisation has this id' },
  notApplicable: { kind: 'unprocessable', title: 'This report cannot apply the segment' },
});
