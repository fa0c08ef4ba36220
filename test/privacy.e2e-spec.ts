import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { PERSONAL_DATA_REFERENCES } from '#src/modules/privacy/personal-data.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { changedTables, tenantFingerprint } from './utils/fingerprint.js';

/**
 * Data-subject rights: one person's export and erasure. The subject, Sam, answered a pulse round,
 * was invited to a second one, thanked a colleague and was thanked, sent a named voice and
 * reported a named pain point, then left, with an alumni address and an exit interview.
 */
describe('data-subject rights', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let unitId: string;
  let subject: { id: string };
  let colleagues: { id: string }[];
  let subjectUser: { id: string; email: string };
  let subjectAuth: string;
  let surveyId: string;
  let firstRound: string;
  let openToken: string;
  let separation: { id: string; exitInterview: { id: string; link: string }; checklistId: string | null };
  const today = localDate(new Date(), 'UTC');
  const lastDay = addDays(today, 14);
  /** Strings only the subject wrote or gave: none may survive an erasure where they are tied to the subject. */
  const marks = {
    surveyComment: `survey-comment-${randomUUID()}`,
    recognition: `thanks-from-sam-${randomUUID()}`,
    voice: `voice-of-sam-${randomUUID()}`,
    painPoint: `pain-of-sam-${randomUUID()}`,
    exitAnswer: `exit-words-of-sam-${randomUUID()}`,
    alumniEmail: `sam-${randomUUID().slice(0, 8)}@home.example`,
  };

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3, commentThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    const lead = await createEmployee(t, tenant, { stage: 'engage', startDate: '2019-01-01' });
    unitId = (await createUnit(t, tenant, { name: 'Care', managerId: lead.id })).id;
    await t.http.patch(`/api/v1/employees/${lead.id}`).set('Authorization', hr).send({ unitId }).expect(200);
    subject = await createEmployee(t, tenant, {
      firstName: 'Sam',
      lastName: 'Subject',
      workEmail: 'sam.subject@example.com',
      externalId: 'HR-SAM',
      jobTitle: 'Agent',
      unitId,
      managerId: lead.id,
      location: 'Lyon',
      stage: 'engage',
      startDate: '2021-03-01',
    });
    colleagues = [];
    for (let i = 0; i < 5; i++) colleagues.push(await createEmployee(t, tenant, { unitId, managerId: lead.id, stage: 'engage', location: 'Lyon', startDate: '2020-01-01' }));
    subjectUser = await createUser(t, tenant, { role: 'employee', employeeId: subject.id, displayName: 'Sam S.' });
    subjectAuth = await loginAs(t, subjectUser.email);
    const colleagueUser = await createUser(t, tenant, { role: 'employee', employeeId: colleagues[0]!.id });
    const colleagueAuth = await loginAs(t, colleagueUser.email);

    // A pulse everyone answers, with a comment; then a second round Sam leaves unanswered.
    const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string }[];
    const enps = bank.find((q) => q.type === 'enps')!.id;
    const text = bank.find((q) => q.type === 'text')!.id;
    surveyId = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Care pulse', kind: 'adhoc', questionIds: [enps, text] })).body.id;
    firstRound = (await t.http.post(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr)).body.id;
    const tokens = async (roundId: string) =>
      (await t.http.get(`/api/v1/surveys/${surveyId}/rounds/${roundId}/invitations?limit=200`).set('Authorization', hr)).body.items as { token: string; employeeId: string }[];
    const invited = await tokens(firstRound);
    for (const [i, invitation] of invited.entries()) {
      const words = invitation.employeeId === subject.id ? marks.surveyComment : `Fine here ${i}`;
      await t.http
        .post(`/api/v1/responses/${invitation.token}`)
        .send({ submissionId: randomUUID(), answers: [{ questionId: enps, value: 5 + (i % 5) }, { questionId: text, text: words }] })
        .expect(201);
    }
    await t.http.post(`/api/v1/surveys/${surveyId}/rounds/${firstRound}/close`).set('Authorization', hr).expect(200);
    const secondRound = (await t.http.post(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr)).body.id;
    openToken = (await tokens(secondRound)).find((i) => i.employeeId === subject.id)!.token;

    await t.http.post('/api/v1/recognitions').set('Authorization', subjectAuth).send({ recipientIds: [colleagues[0]!.id], message: marks.recognition }).expect(201);
    await t.http.post('/api/v1/recognitions').set('Authorization', colleagueAuth).send({ recipientIds: [subject.id], message: 'Thank you, Sam!' }).expect(201);
    await t.http.post('/api/v1/voice').set('Authorization', subjectAuth).send({ kind: 'suggestion', text: marks.voice, unitId }).expect(201);
    const touchpoint = (await t.http.post('/api/v1/journey-map/touchpoints').set('Authorization', hr).send({ stage: 'engage', name: 'Rota', channel: 'system', dayOffset: 0 })).body;
    await t.http.post('/api/v1/pain-points').set('Authorization', subjectAuth).send({ touchpointId: touchpoint.id, description: marks.painPoint, severity: 3 }).expect(201);

    const recorded = await t.http.post('/api/v1/separations').set('Authorization', hr).send({
      employeeId: subject.id,
      noticeDate: today,
      lastWorkingDay: lastDay,
      type: 'voluntary',
      primaryReason: 'career_growth',
      alumniOptIn: true,
      alumniEmail: marks.alumniEmail,
    });
    expect(recorded.status).toBe(201);
    separation = recorded.body;
    const exitToken = separation.exitInterview.link.split('/').at(-1)!;
    const questions = (await t.http.get(`/api/v1/exit-responses/${exitToken}`)).body.questions as { id: string; type: string }[];
    const answers = questions.map((q) => (q.type === 'text' ? { questionId: q.id, text: marks.exitAnswer } : q.type === 'enps' ? { questionId: q.id, value: 7 } : { questionId: q.id, value: 1 }));
    await t.http.post(`/api/v1/exit-responses/${exitToken}`).send({ answers }).expect(201);
  }, 120_000);
  afterAll(() => t.close());

  const exportOf = async (id: string, auth = hr) => t.http.get(`/api/v1/employees/${id}/data-export`).set('Authorization', auth);
  const erase = (id: string, auth = hr) => t.http.post(`/api/v1/employees/${id}/erasure`).set('Authorization', auth).send({ reason: 'Request by e-mail, identity checked (ticket 12)' });

  it('knows every place that refers to an employee: a new table that does fails here until the export covers it', async () => {
    const schema = await t.sql.query<{ reference: string }>(
      `SELECT DISTINCT c.conrelid::regclass::text || '.' || a.attname AS reference
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
       WHERE c.contype = 'f' AND c.confrelid = 'employees'::regclass AND a.attname <> 'tenant_id'
       UNION
       SELECT table_name || '.' || column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name LIKE '%employee_id'`,
    );
    const covered = new Set<string>(PERSONAL_DATA_REFERENCES);
    expect(schema.rows.map((r) => r.reference).filter((reference) => !covered.has(reference)).sort()).toEqual([]);
    const columns = await t.sql.query<{ reference: string }>(
      `SELECT table_name || '.' || column_name AS reference FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const existing = new Set(columns.rows.map((r) => r.reference));
    expect(PERSONAL_DATA_REFERENCES.filter((reference) => !existing.has(reference))).toEqual([]);
  });

  it('exports everything held about the person, section by section, without secrets or survey answers', async () => {
    const response = await exportOf(subject.id);
    expect(response.status).toBe(200);
    const data = response.body;
    expect(data.employeeId).toBe(subject.id);
    expect(data.employee).toMatchObject({ id: subject.id, first_name: 'Sam', last_name: 'Subject', work_email: 'sam.subject@example.com', stage: 'depart', erased_at: null });
    expect(data.erasure).toBeNull();
    expect(data.stageHistory.map((s: { to_stage: string }) => s.to_stage)).toEqual(['engage', 'depart']);
    expect(data.assignments.length).toBeGreaterThanOrEqual(1);
    expect(data.managerOf).toEqual({ employees: [], formerReports: [], units: [], separations: [] });
    expect(data.checklists.map((c: { id: string; tasks: unknown[] }) => c.id)).toEqual(separation.checklistId ? [separation.checklistId] : []);
    // Invited to two rounds; whether they answered shows only for the closed one.
    expect(data.surveyInvitations.map((i: { roundClosed: boolean; answered: boolean | null }) => [i.roundClosed, i.answered])).toEqual([
      [true, true],
      [false, null],
    ]);
    expect(data.recognitionsSent.map((r: { message: string; recipientIds: string[] }) => [r.message, r.recipientIds])).toEqual([[marks.recognition, [colleagues[0]!.id]]]);
    expect(data.recognitionsReceived.map((r: { message: string }) => r.message)).toEqual(['Thank you, Sam!']);
    expect(data.voiceMessages.map((v: { text: string }) => v.text)).toEqual([marks.voice]);
    expect(data.painPoints.map((p: { description: string }) => p.description)).toEqual([marks.painPoint]);
    expect(data.separations.map((s: { id: string; alumni_email: string }) => [s.id, s.alumni_email])).toEqual([[separation.id, marks.alumniEmail]]);
    expect(data.exitInterviews).toHaveLength(1);
    expect(data.exitInterviews[0].answers.some((a: { text: string | null }) => a.text === marks.exitAnswer)).toBe(true);
    expect(data.users.map((u: { id: string; email: string }) => [u.id, u.email])).toEqual([[subjectUser.id, subjectUser.email]]);
    expect(data.events.some((e: { type: string }) => e.type === 'employee.departed')).toBe(true);
    expect(data.auditEntries.some((e: { action: string; entityId: string }) => e.action === 'separation.recorded' && e.entityId === separation.id)).toBe(true);
    expect(data.auditEntries.some((e: { action: string; entityId: string }) => e.action === 'user.created' && e.entityId === subjectUser.id)).toBe(true);

    const all = JSON.stringify(data);
    expect(all).not.toContain(marks.surveyComment);
    expect(all).not.toMatch(/token_hash|password_hash|secret_hash|reply_key_hash/);

    const audited = await t.http.get(`/api/v1/audit-log?entityId=${subject.id}&action=employee.exported`).set('Authorization', hr);
    expect(audited.body.items.map((e: { actorType: string; after: unknown }) => [e.actorType, e.after])).toEqual([['api_key', { export: 'personal_data', format: 'json' }]]);
  });

  it('refuses to erase someone still employed, and changes nothing', async () => {
    const fingerprint = await tenantFingerprint(t.sql);
    const before = await fingerprint(tenant.id);
    const response = await erase(colleagues[1]!.id);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ type: '/problems/privacy.employee_active', stage: 'engage' });
    expect(changedTables(before, await fingerprint(tenant.id))).toEqual([]);
  });

  describe('erasure', () => {
    /** What aggregates read: survey results (with a heatmap), participation, attrition, exit interviews, headcount. */
    const aggregates = async () => {
      const get = async (path: string) => {
        const response = await t.http.get(path).set('Authorization', hr);
        expect([path, response.status]).toEqual([path, 200]);
        return response.body;
      };
      const employees = await get(`/api/v1/employees?unitId=${unitId}&limit=200`);
      return {
        results: await get(`/api/v1/surveys/${surveyId}/results?roundId=${firstRound}&groupBy=unit`),
        byLocation: await get(`/api/v1/surveys/${surveyId}/results?roundId=${firstRound}&location=Lyon`),
        current: await get(`/api/v1/surveys/${surveyId}/results`),
        attrition: await get(`/api/v1/reports/attrition?from=${addDays(today, -1500)}&to=${addDays(today, 30)}&groupBy=unit`),
        exitInterviews: await get(`/api/v1/reports/exit-interviews?from=${addDays(today, -365)}&to=${addDays(today, 30)}`),
        headcount: employees.items.map((e: { id: string; unitId: string; stage: string; startDate: string; endDate: string; location: string }) => [
          e.id,
          e.unitId,
          e.stage,
          e.startDate,
          e.endDate,
          e.location,
        ]),
      };
    };
    let before: Awaited<ReturnType<typeof aggregates>>;
    let erased: { status: number; body: Record<string, unknown> };

    beforeAll(async () => {
      before = await aggregates();
      erased = await erase(subject.id);
    });

    it('anonymises the person and records what was kept, and why', async () => {
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({ employeeId: subject.id, alreadyErased: false, reason: 'Request by e-mail, identity checked (ticket 12)', erasedByUserId: null });
      expect(erased.body.changed).toMatchObject({ employees: 1, users: 1, recognitions: 1, voice_messages: 1, pain_points: 1, separations: 1, survey_invitations: 2, exit_interviews: 1 });
      expect((erased.body.retained as { data: string }[]).map((r) => r.data)).toEqual(expect.arrayContaining([expect.stringMatching(/^stage_transitions/), expect.stringMatching(/^separations/)]));

      const employee = (await t.http.get(`/api/v1/employees/${subject.id}`).set('Authorization', hr)).body;
      expect(employee).toMatchObject({
        firstName: 'Erased',
        lastName: 'person',
        workEmail: null,
        jobTitle: null,
        externalId: `erased:${subject.id}`,
        erasedAt: erased.body.erasedAt,
        // Kept, flagged: what aggregates and the law need.
        unitId,
        location: 'Lyon',
        stage: 'depart',
        startDate: '2021-03-01',
        endDate: lastDay,
      });
      const row = async (sql: string) => (await t.sql.query(sql, [tenant.id, subject.id, subjectUser.id])).rows;
      expect(await row(`SELECT job_title FROM employee_assignments WHERE tenant_id = $1 AND employee_id = $2 AND $3::uuid IS NOT NULL`)).toEqual(
        expect.arrayContaining([{ job_title: null }]),
      );
      expect(await row(`SELECT alumni_email, alumni_opt_in, type, primary_reason FROM separations WHERE tenant_id = $1 AND employee_id = $2 AND $3::uuid IS NOT NULL`)).toEqual([
        { alumni_email: `erased+${separation.id}@erased.invalid`, alumni_opt_in: true, type: 'voluntary', primary_reason: 'career_growth' },
      ]);
      expect(await row(`SELECT email, display_name, password_hash, deactivated_at IS NOT NULL AS off FROM users WHERE tenant_id = $1 AND employee_id = $2 AND id = $3`)).toEqual([
        { email: `erased+${subjectUser.id}@erased.invalid`, display_name: null, password_hash: null, off: true },
      ]);
      const exported = (await exportOf(subject.id)).body;
      const everything = JSON.stringify(exported);
      for (const [name, mark] of Object.entries(marks)) expect([name, everything.includes(mark)]).toEqual([name, false]);
      // Colleagues' words about them are kept for their authors (and say so in the record).
      expect(exported.recognitionsReceived.map((r: { message: string }) => r.message)).toEqual(['Thank you, Sam!']);
      expect(JSON.stringify({ ...exported, recognitionsReceived: [] })).not.toMatch(/Sam|sam\.subject|HR-SAM/);
    });

    it('revokes their sign-in, sessions and personal links', async () => {
      expect((await t.http.get('/api/v1/auth/me').set('Authorization', subjectAuth)).status).toBe(401);
      expect((await t.http.post('/api/v1/auth/login').send({ email: subjectUser.email, password: 'correct horse battery staple' })).status).toBe(401);
      expect((await t.http.get(`/api/v1/responses/${openToken}`)).status).toBe(404);
      const exit = (await t.sql.query(`SELECT status, token_hash LIKE 'erased:%' AS revoked FROM exit_interviews WHERE tenant_id = $1 AND employee_id = $2`, [tenant.id, subject.id])).rows;
      expect(exit).toEqual([{ status: 'completed', revoked: true }]);
      const links = await t.sql.query(`SELECT count(*)::int AS n FROM domain_events WHERE tenant_id = $1 AND subject_id = $2 AND payload ? 'path'`, [tenant.id, subject.id]);
      expect(links.rows[0].n).toBe(0);
    });

    it('leaves every survey result, participation figure, attrition and exit-interview figure and headcount exactly as it was', async () => {
      expect(await aggregates()).toEqual(before);
    });

    it('keeps the survey responses untouched: they never pointed at the person', async () => {
      const comments = await t.sql.query(`SELECT count(*)::int AS n FROM survey_comments WHERE tenant_id = $1 AND text = $2`, [tenant.id, marks.surveyComment]);
      expect(comments.rows[0].n).toBe(1);
    });

    it('is audited, and the erased person can no longer be changed', async () => {
      const entries = (await t.http.get(`/api/v1/audit-log?entityId=${subject.id}&action=employee.erased`).set('Authorization', hr)).body.items;
      expect(entries.map((e: { after: Record<string, unknown> }) => e.after)).toEqual([{ erasureId: erased.body.id, changed: erased.body.changed }]);
      const patch = await t.http.patch(`/api/v1/employees/${subject.id}`).set('Authorization', hr).send({ firstName: 'Sam' });
      expect([patch.status, patch.body.type]).toEqual([409, '/problems/employees.erased']);
      const move = await t.http.post(`/api/v1/employees/${subject.id}/transitions`).set('Authorization', hr).send({ to: 'attract' });
      expect([move.status, move.body.type]).toEqual([409, '/problems/employees.erased']);
    });

    it('answers a retry with the first erasure’s record and changes nothing', async () => {
      const fingerprint = await tenantFingerprint(t.sql);
      const state = await fingerprint(tenant.id);
      const retry = await erase(subject.id);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ ...erased.body, alreadyErased: true });
      expect(changedTables(state, await fingerprint(tenant.id))).toEqual([]);
      const exported = (await exportOf(subject.id)).body;
      expect(exported.erasure).toEqual({ ...erased.body, alreadyErased: undefined });
    });
  });

  it('is for hr_admin only, and answers another organisation’s employee as a missing one', async () => {
    const other = await createTenant(t);
    for (const call of [(auth: string) => exportOf(subject.id, auth), (auth: string) => erase(colleagues[2]!.id, auth)]) {
      const foreign = await call(other.bearer('hr_admin'));
      expect([foreign.status, foreign.body.type]).toEqual([404, '/problems/employees.not_found']);
      const manager = await call(tenant.bearer('manager'));
      expect([manager.status, manager.body.type]).toEqual([403, '/problems/auth.role_not_allowed']);
    }
    expect((await erase(randomUUID())).status).toBe(404);
    const bad = await t.http.post(`/api/v1/employees/${colleagues[2]!.id}/erasure`).set('Authorization', hr).send({});
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'reason']);
  });
});
