import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Survey comments end to end: the comment threshold, random order, sentiment, watch lists and the
 * flagged-comment event, and anonymous conversations with the reply key.
 *
 * Organisation: Company → Tech (Platform 4, Apps 4) and Sales (2). k = 3 and the organisation's
 * comment threshold 3; surveys here raise their own comment threshold to 4.
 */
describe('survey comments', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let manager: string;
  let platform: { id: string };
  let sales: { id: string };
  const byUnit = new Map<string, string[]>(); // unit id → employee ids
  let questions: { enps: string; open: string; growthText: string };

  const POSITIVE = 'I love my team, the support is great and I feel happy here.';
  const NEGATIVE = 'The workload is terrible and I feel stressed, angry and ignored.';

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3, commentThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    const tech = await createUnit(t, tenant, { name: 'Tech' });
    platform = await createUnit(t, tenant, { name: 'Platform', parentId: tech.id });
    const apps = await createUnit(t, tenant, { name: 'Apps', parentId: tech.id });
    sales = await createUnit(t, tenant, { name: 'Sales' });
    for (const [unit, n] of [[platform, 4], [apps, 4], [sales, 2]] as const) {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await createEmployee(t, tenant, { unitId: unit.id, location: 'Lyon', startDate: '2020-01-01' })).id);
      byUnit.set(unit.id, ids);
    }

    // The manager of Platform, signed in as a user linked to the employee.
    const lead = byUnit.get(platform.id)![0]!;
    await t.http.patch(`/api/v1/units/${platform.id}`).set('Authorization', hr).send({ managerId: lead }).expect(200);
    const user = await createUser(t, tenant, { role: 'manager' });
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: lead }).expect(200);
    manager = await loginAs(t, user.email);

    const bank = await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr);
    const all = bank.body.items as { id: string; type: string; driverKey: string | null }[];
    const growthText = await t.http
      .post('/api/v1/survey-questions')
      .set('Authorization', hr)
      .send({ type: 'text', driverKey: 'growth', texts: { en: 'What would help you grow here?' } });
    expect(growthText.status).toBe(201);
    questions = { enps: all.find((q) => q.type === 'enps')!.id, open: all.find((q) => q.type === 'text')!.id, growthText: growthText.body.id };
  });
  afterAll(() => t.close());

  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await t.sql.query(sql, params)).rows as T[];

  /** A survey with the comment threshold at 4, and its open round's links keyed by employee. */
  async function openSurvey(): Promise<{ surveyId: string; roundId: string; links: Map<string, string> }> {
    const survey = await t.http
      .post('/api/v1/surveys')
      .set('Authorization', hr)
      .send({ name: 'Pulse', kind: 'adhoc', commentThreshold: 4, questionIds: [questions.enps, questions.open, questions.growthText] });
    expect(survey.status).toBe(201);
    const round = await t.http.post(`/api/v1/surveys/${survey.body.id}/rounds`).set('Authorization', hr).send();
    expect(round.status).toBe(201);
    const invitations = await t.http.get(`/api/v1/surveys/${survey.body.id}/rounds/${round.body.id}/invitations?limit=200`).set('Authorization', hr);
    const links = new Map((invitations.body.items as { employeeId: string; token: string }[]).map((i) => [i.employeeId, i.token]));
    return { surveyId: survey.body.id, roundId: round.body.id, links };
  }

  /** Answers eNPS and the open question (and the growth question when given); returns the reply key. */
  async function answer(token: string, open: string, growth?: string): Promise<string> {
    const answers = [
      { questionId: questions.enps, value: 8 },
      { questionId: questions.open, text: open },
      ...(growth ? [{ questionId: questions.growthText, text: growth }] : []),
    ];
    const response = await t.http.post(`/api/v1/responses/${token}`).send({ submissionId: randomUUID(), answers });
    expect(response.status).toBe(201);
    return response.body.replyKey;
  }

  const comments = (surveyId: string, query = '', as = hr) => t.http.get(`/api/v1/surveys/${surveyId}/comments?${query}`).set('Authorization', as);

  it('hides the comments of a group below the comment threshold and shows them from it on', async () => {
    const { surveyId, links } = await openSurvey();
    const platformPeople = byUnit.get(platform.id)!;
    for (const employee of platformPeople.slice(0, 3)) await answer(links.get(employee)!, 'More pairing, please.');

    // Three respondents: enough for results (k = 3), not for comments (the survey's 4).
    const three = await comments(surveyId);
    expect(three.status).toBe(200);
    expect(three.body).toMatchObject({ surveyId, commentThreshold: 4, suppressed: true, reason: 'below_threshold' });
    expect(three.body.items).toBeUndefined();
    expect((await t.http.get(`/api/v1/surveys/${surveyId}/results`).set('Authorization', hr)).body.respondents).toBe(3);

    await answer(links.get(platformPeople[3]!)!, 'More pairing, please.');
    const four = await comments(surveyId);
    expect(four.body.suppressed).toBeUndefined();
    expect(four.body.items).toHaveLength(4);
    expect(four.body.items[0]).toEqual({
      id: expect.any(String),
      roundId: four.body.roundId,
      roundNumber: 1,
      questionId: questions.open,
      question: expect.any(String),
      driverKey: null,
      text: 'More pairing, please.',
      sentiment: { score: expect.any(Number), label: expect.any(String) },
      flagged: false,
      conversation: [],
    });

    // Sales answers too (2): Sales is below the threshold, and Tech (4) beside the company (6)
    // would expose the 2 Sales comments by difference.
    for (const employee of byUnit.get(sales.id)!) await answer(links.get(employee)!, 'Fine.');
    expect((await comments(surveyId, `unitId=${sales.id}`)).body).toMatchObject({ suppressed: true, reason: 'below_threshold' });
    expect((await comments(surveyId, `unitId=${platform.id}`)).body).toMatchObject({ suppressed: true, reason: 'differencing' });
    expect((await comments(surveyId)).body.items).toHaveLength(6);
  });

  it('lists comments in random-id order, not the order they were written, stable across pages', async () => {
    const { surveyId, roundId, links } = await openSurvey();
    const people = [...links.keys()];
    for (const [i, employee] of people.entries()) await answer(links.get(employee)!, `comment number ${i}`);

    const read = async (): Promise<{ id: string; text: string }[]> => {
      const listed: { id: string; text: string }[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string; text: string }[]; nextCursor: string | null } } = await comments(surveyId, `limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        listed.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return listed;
    };
    const listed = await read();
    expect(listed).toHaveLength(people.length);
    expect(new Set(listed.map((c) => c.id)).size).toBe(people.length);
    // The order is the ids' (random v4): a function of the ids alone, whatever the writing order.
    expect(listed.map((c) => c.id)).toEqual(listed.map((c) => c.id).sort());

    // Deterministically: give the first-written comment the highest id and the last-written the
    // lowest. Rows stay where they were written, so a listing in storage or writing order would
    // not change; the listing must now be exactly the reverse of the writing order.
    for (let i = 0; i < people.length; i++) {
      await t.sql.query(`UPDATE survey_comments SET id = $1 WHERE round_id = $2 AND text = $3`, [
        `00000000-0000-4000-8000-${String(100 - i).padStart(12, '0')}`,
        roundId,
        `comment number ${i}`,
      ]);
    }
    const written = people.map((_, i) => `comment number ${i}`);
    expect((await read()).map((c) => c.text)).toEqual([...written].reverse());
  });

  it('labels clearly positive and negative comments, and filters by sentiment and driver', async () => {
    const { surveyId, links } = await openSurvey();
    const people = [...links.keys()];
    for (const [i, employee] of people.entries()) {
      await answer(links.get(employee)!, i % 2 === 0 ? POSITIVE : NEGATIVE, i < 3 ? 'A mentor and a training budget.' : undefined);
    }
    const all = (await comments(surveyId, 'limit=200')).body.items as { text: string; sentiment: { label: string }; driverKey: string | null }[];
    expect(all.find((c) => c.text === POSITIVE)!.sentiment.label).toBe('positive');
    expect(all.find((c) => c.text === NEGATIVE)!.sentiment.label).toBe('negative');

    const positive = (await comments(surveyId, 'sentiment=positive&limit=200')).body.items as { text: string }[];
    expect(positive.length).toBe(people.length / 2);
    expect(positive.every((c) => c.text === POSITIVE)).toBe(true);
    const growth = (await comments(surveyId, 'driver=growth')).body.items as { text: string; driverKey: string; questionId: string }[];
    expect(growth).toHaveLength(3);
    expect(growth.every((c) => c.driverKey === 'growth' && c.questionId === questions.growthText)).toBe(true);
    expect((await comments(surveyId, 'sentiment=glowing')).status).toBe(400);
  });

  it('flags a comment matching a watch term with exactly one event that identifies no one, and lets HR read it below the threshold', async () => {
    const { surveyId, roundId, links } = await openSurvey();
    const [first, second] = [...links.values()];
    const flaggedBody = { submissionId: randomUUID(), answers: [{ questionId: questions.open, text: 'I was bullied by my lead in front of everyone.' }] };
    await t.http.post(`/api/v1/responses/${first}`).send(flaggedBody).expect(201);
    await t.http.post(`/api/v1/responses/${first}`).send(flaggedBody).expect(201); // a retry writes nothing twice
    await answer(second!, 'Nothing to add.');
    expect(await rows(`SELECT 1 FROM survey_comments WHERE round_id = $1`, [roundId])).toHaveLength(2);

    const events = await t.http.get('/api/v1/events?type=survey.comment_flagged&limit=200').set('Authorization', hr);
    const ours = (events.body.items as { subjectId: string; payload: { surveyId: string } }[]).filter((e) => e.payload.surveyId === surveyId);
    expect(ours).toHaveLength(1);
    const [flagged] = await rows<{ id: string }>(`SELECT id FROM survey_comments WHERE round_id = $1 AND flagged`, [roundId]);
    expect(ours[0]!.subjectId).toBe(flagged!.id);
    expect(ours[0]!.payload).toEqual({ surveyId, roundId, commentId: flagged!.id, categories: ['harassment'] });

    // Two respondents: the listing shows nothing, but HR reads the flagged comment, and only it.
    expect((await comments(surveyId)).body).toMatchObject({ suppressed: true });
    const detail = await t.http.get(`/api/v1/surveys/${surveyId}/comments/${flagged!.id}`).set('Authorization', hr);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: flagged!.id, flagged: true, flagCategories: ['harassment'], text: 'I was bullied by my lead in front of everyone.' });
    const [plain] = await rows<{ id: string }>(`SELECT id FROM survey_comments WHERE round_id = $1 AND NOT flagged`, [roundId]);
    const hidden = await t.http.get(`/api/v1/surveys/${surveyId}/comments/${plain!.id}`).set('Authorization', hr);
    expect(hidden.body).toEqual({ suppressed: true, reason: 'below_threshold' });
    const unknown = await t.http.get(`/api/v1/surveys/${surveyId}/comments/${randomUUID()}`).set('Authorization', hr);
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('/problems/surveys.comment_not_found');

    // HR can write to the author of the flagged comment (the exception), not of the other one.
    const toFlagged = await t.http.post(`/api/v1/surveys/${surveyId}/comments/${flagged!.id}/replies`).set('Authorization', hr).send({ message: 'We would like to help. Can you tell us more?' });
    expect(toFlagged.status).toBe(201);
    const toPlain = await t.http.post(`/api/v1/surveys/${surveyId}/comments/${plain!.id}/replies`).set('Authorization', hr).send({ message: 'Hello' });
    expect(toPlain.status).toBe(403);

    // Another organisation's HR finds neither the survey nor the comment.
    const other = (await createTenant(t)).bearer('hr_admin');
    expect((await t.http.get(`/api/v1/surveys/${surveyId}/comments/${flagged!.id}`).set('Authorization', other)).status).toBe(404);
    expect((await t.http.post(`/api/v1/surveys/${surveyId}/comments/${flagged!.id}/replies`).set('Authorization', other).send({ message: 'Hi' })).status).toBe(404);
  });

  it('lets HR edit the watch lists, and flags comments with the tenant’s own terms', async () => {
    const list = await t.http.get('/api/v1/survey-watch-terms?locale=en&category=self_harm').set('Authorization', hr);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);

    const created = await t.http.post('/api/v1/survey-watch-terms').set('Authorization', hr).send({ category: 'safety', locale: 'en', term: '  Forklift   Speeding ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ category: 'safety', locale: 'en', term: 'forklift speeding' });
    const again = await t.http.post('/api/v1/survey-watch-terms').set('Authorization', hr).send({ category: 'safety', locale: 'en', term: 'forklift speeding' });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/surveys.watch_term_taken');
    const badCategory = await t.http.post('/api/v1/survey-watch-terms').set('Authorization', hr).send({ category: 'gossip', locale: 'en', term: 'x' });
    expect(badCategory.status).toBe(400);

    const { roundId, links } = await openSurvey();
    await answer([...links.values()][0]!, 'Forklift  speeding in aisle 4 every night.');
    const [comment] = await rows<{ flagged: boolean; flag_categories: string[] }>(`SELECT flagged, flag_categories FROM survey_comments WHERE round_id = $1`, [roundId]);
    expect(comment).toEqual({ flagged: true, flag_categories: ['safety'] });

    expect((await t.http.delete(`/api/v1/survey-watch-terms/${created.body.id}`).set('Authorization', hr)).status).toBe(204);
    const gone = await t.http.delete(`/api/v1/survey-watch-terms/${created.body.id}`).set('Authorization', hr);
    expect(gone.status).toBe(404);
    expect(gone.body.type).toBe('/problems/surveys.watch_term_not_found');
  });

  it('carries an anonymous conversation from staff to the key holder and back; a wrong key is 404', async () => {
    const { surveyId, links } = await openSurvey();
    const keys: string[] = [];
    for (const employee of byUnit.get(platform.id)!) keys.push(await answer(links.get(employee)!, `Platform needs more testers (${keys.length}).`));
    const listed = (await comments(surveyId, '', manager)).body.items as { id: string; text: string }[];
    const mine = listed.find((c) => c.text === 'Platform needs more testers (0).')!;

    const staff = await t.http.post(`/api/v1/surveys/${surveyId}/comments/${mine.id}/replies`).set('Authorization', manager).send({ message: 'Agreed. Which areas first?' });
    expect(staff.status).toBe(201);
    expect(staff.body).toEqual({ id: expect.any(String), author: 'staff', text: 'Agreed. Which areas first?', createdAt: expect.any(String) });

    const read = await t.http.post('/api/v1/conversations/read').send({ replyKey: keys[0] });
    expect(read.status).toBe(200);
    expect(read.body.comments).toHaveLength(1);
    expect(read.body.comments[0]).toMatchObject({ id: mine.id, roundNumber: 1, text: 'Platform needs more testers (0).', conversation: [{ author: 'staff', text: 'Agreed. Which areas first?' }] });

    const back = await t.http.post('/api/v1/conversations/reply').send({ replyKey: keys[0], commentId: mine.id, message: 'The payment flows.' });
    expect(back.status).toBe(201);
    expect(back.body).toMatchObject({ author: 'respondent', text: 'The payment flows.' });
    const after = (await comments(surveyId, '', hr)).body.items as { id: string; conversation: { author: string; text: string }[] }[];
    expect(after.find((c) => c.id === mine.id)!.conversation.map((m) => [m.author, m.text])).toEqual([
      ['staff', 'Agreed. Which areas first?'],
      ['respondent', 'The payment flows.'],
    ]);
    const stored = await rows<{ staff_user_id: string | null }>(`SELECT staff_user_id FROM survey_comment_messages WHERE comment_id = $1 AND author = 'respondent'`, [mine.id]);
    expect(stored).toEqual([{ staff_user_id: null }]);

    // Another respondent's key sees only its own comment, and cannot write on someone else's.
    const other = await t.http.post('/api/v1/conversations/reply').send({ replyKey: keys[1], commentId: mine.id, message: 'Hi' });
    expect(other.status).toBe(404);
    expect(other.body.type).toBe('/problems/surveys.conversation_not_found');
    const wrong = await t.http.post('/api/v1/conversations/read').send({ replyKey: 'A'.repeat(32) });
    expect(wrong.status).toBe(404);
    expect(wrong.body.type).toBe('/problems/surveys.conversation_not_found');
    expect((await t.http.post('/api/v1/conversations/read').send({})).status).toBe(400);
    const long = await t.http.post('/api/v1/conversations/reply').send({ replyKey: keys[0], commentId: mine.id, message: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
  });

  it('refuses managers outside their reporting line, and replies to comments not shown', async () => {
    const { surveyId, roundId, links } = await openSurvey();
    for (const employee of byUnit.get(sales.id)!) await answer(links.get(employee)!, 'Sales is fine.');
    const outside = await comments(surveyId, `unitId=${sales.id}`, manager);
    expect(outside.status).toBe(403);
    expect(outside.body.type).toBe('/problems/surveys.out_of_scope');
    const [salesComment] = await rows<{ id: string }>(`SELECT id FROM survey_comments WHERE round_id = $1`, [roundId]);
    const reply = await t.http.post(`/api/v1/surveys/${surveyId}/comments/${salesComment!.id}/replies`).set('Authorization', manager).send({ message: 'Hello' });
    expect(reply.status).toBe(403);
    expect(reply.body.type).toBe('/problems/surveys.out_of_scope');
    // HR may not answer it either while its group is below the threshold (it is not flagged).
    const hidden = await t.http.post(`/api/v1/surveys/${surveyId}/comments/${salesComment!.id}/replies`).set('Authorization', hr).send({ message: 'Hello' });
    expect(hidden.status).toBe(403);
    expect(hidden.body.type).toBe('/problems/surveys.comment_hidden');

    const nobody = await createUser(t, tenant, { role: 'manager' });
    const unlinked = await comments(surveyId, '', await loginAs(t, nobody.email));
    expect(unlinked.status).toBe(403);
    expect(unlinked.body.type).toBe('/problems/surveys.out_of_scope');
  });

  it('keeps no timestamp on a comment: nothing dates it finer than its round', async () => {
    const columns = await rows<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'survey_comments'`,
    );
    expect(columns.length).toBeGreaterThan(0);
    expect(columns.filter((c) => /time|date|interval/.test(c.data_type) || /_at$|_on$|created|updated/.test(c.column_name))).toEqual([]);
    expect(columns.map((c) => c.column_name)).toEqual(expect.not.arrayContaining(['employee_id', 'invitation_id']));
  });
});
