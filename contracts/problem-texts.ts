/**
 * Every text an error answer (problem+json) carries, in every language: the title of each status, the
 * detail of each refusal, and the message of each field at fault. Each says what to do next. The API
 * throws keys with their values and renders them in the caller's language (Accept-Language) at the door;
 * form schemas (contracts/, workflows/) give field keys as their zod messages, which the API renders too.
 */
import type { Language, Localised } from './language';
import { ROLE_TITLES, type Role } from './permissions';

/** A value put into a text: as it is, a list (joined the language's way), or a value already in every language. */
export type TextParam = string | number | boolean | readonly (string | number)[] | Localised;
export type TextParams = Readonly<Record<string, TextParam>>;

/** The title of a problem, by status. */
export const PROBLEM_TITLES: Readonly<Record<number, Localised>> = {
  400: { 'zh-CN': '请求有误', en: 'Invalid request' },
  401: { 'zh-CN': '未登录', en: 'Not signed in' },
  403: { 'zh-CN': '无权操作', en: 'Forbidden' },
  404: { 'zh-CN': '未找到', en: 'Not found' },
  409: { 'zh-CN': '与当前状态冲突', en: 'Conflict' },
  413: { 'zh-CN': '内容过大', en: 'Payload too large' },
  422: { 'zh-CN': '内容需要修改', en: 'Unprocessable content' },
  429: { 'zh-CN': '请求过于频繁', en: 'Too many requests' },
  500: { 'zh-CN': '系统内部错误', en: 'Internal error' },
  502: { 'zh-CN': '设备出错', en: 'Device error' },
  503: { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
};

/** The detail of each refusal: what went wrong and what to do next. */
export const PROBLEM_DETAILS = {
  // The door: requests, sessions, load, outages.
  'request.query-invalid': { 'zh-CN': '查询条件有误，请按标出的项修改后重试。', en: 'the query string is invalid; correct the fields listed and try again' },
  'request.body-invalid': { 'zh-CN': '填写的内容有误，请按标出的项修改后重新提交。', en: 'the body is invalid; correct the fields listed and send it again' },
  'request.malformed-json': { 'zh-CN': '提交的内容无法识别（不是有效的 JSON），请刷新页面后重试。', en: 'the body is not valid JSON; send valid JSON' },
  'request.too-large': { 'zh-CN': '提交的内容过大，请压缩或减少附件后重试。', en: 'the body is too large; send smaller attachments' },
  'request.internal': { 'zh-CN': '系统内部出错，请稍后重试；如反复出现，请联系系统管理员。', en: 'something went wrong on our side; try again, and tell the administrator if it keeps happening' },
  'request.no-route': { 'zh-CN': '没有这个接口（{method} {path}），请检查地址。', en: 'no route {method} {path}; check the address' },
  'request.cross-site': { 'zh-CN': '来自其他网站的请求不能修改这里的数据，请在本系统的页面上操作。', en: "a cross-site request cannot change anything here; use Steward's own pages" },
  'request.overloaded': { 'zh-CN': '同类请求太多，系统正忙，请稍候片刻再试。', en: 'too many requests of this kind at once; try again shortly' },
  'request.waited-too-long': { 'zh-CN': '排队等候太久，系统正忙，请稍候片刻再试。', en: 'waited too long for a turn; try again shortly' },
  'request.cursor-invalid': { 'zh-CN': '翻页位置已失效，请从第一页重新加载列表。', en: 'the cursor is not one this API issued; load the list again from its first page' },
  'dependency.database': { 'zh-CN': '暂时连不上数据库（PostgreSQL），请稍候片刻再试。', en: 'the database (PostgreSQL) cannot be reached; try again shortly' },
  'dependency.temporal': { 'zh-CN': '暂时连不上流程引擎（Temporal），请稍候片刻再试。', en: 'the process engine (Temporal) cannot be reached; try again shortly' },
  'auth.sign-in': { 'zh-CN': '您尚未登录或登录已过期，请重新登录。', en: 'sign in first, or again if your session has ended' },
  'auth.wrong-credentials': { 'zh-CN': '用户名或密码错误，请检查后重新输入。', en: 'wrong username or password; check them and try again' },
  'auth.locked': { 'zh-CN': '登录尝试次数过多，已暂时锁定，请稍后再试。', en: 'too many sign-in attempts; try again later' },
  'auth.needs-role': { 'zh-CN': '此操作需要以下角色之一：{roles}。如需办理，请联系具有上述角色的人员。', en: 'this needs one of the roles: {roles}; ask someone who holds one of them' },
  // Devices.
  'device.not-authenticated': { 'zh-CN': '设备未通过认证，请提供设备编号及其推送密钥（HTTP Basic）。', en: 'give the device id and its push secret (HTTP Basic)' },
  'device.locked': { 'zh-CN': '设备认证失败次数过多，请稍后再试。', en: 'too many failed device authentications; try again later' },
  'device.not-an-alert': { 'zh-CN': '内容不是设备事件（EventNotificationAlert，XML 或 JSON），请按设备事件格式发送。', en: 'the body is not an EventNotificationAlert (XML or JSON)' },
  'device.event-invalid': { 'zh-CN': '设备事件有误，请按标出的字段修正后重发。', en: 'the event is invalid; correct the fields listed' },
  'device.command-failed': { 'zh-CN': '设备 {deviceId} 未能执行指令，请确认设备在线后重试。', en: '{deviceId}: {reason}; check that the device is online and try again' },
  'device.unknown-camera': { 'zh-CN': '没有编号为 {deviceId} 的摄像机，请从列表中选择。', en: 'no camera {deviceId}' },
  // Tasks.
  'task.unknown': { 'zh-CN': '没有找到任务 {taskId}，或您无权查看。请回到工作清单查看您的任务。', en: 'no task {taskId}; go back to the worklist' },
  'task.not-open': { 'zh-CN': '此任务已结束，不能再办理。请回到工作清单查看其他任务。', en: 'task {taskId} is already {status}; go back to the worklist' },
  'task.not-candidate': { 'zh-CN': '您不是此任务的处理人，请联系可处理此任务的人员。', en: 'you are not a candidate for {stepId}; ask one of its candidates' },
  'task.claimed-by-other': { 'zh-CN': '此任务已由 {name} 认领，请联系对方或主管改派。', en: 'task {taskId} is claimed by {name}; ask them or a supervisor to reassign it' },
  'task.claimed-just-now': { 'zh-CN': '此任务刚被他人认领，请刷新页面查看。', en: 'task {taskId} was claimed by someone else just now; reload the page' },
  'task.changed': { 'zh-CN': '此任务刚刚有了变化，请刷新页面后重试。', en: 'task {taskId} changed meanwhile; reload the page and try again' },
  'task.release-not-yours': { 'zh-CN': '只有认领人或主管可以释放任务，请联系认领人或主管。', en: 'only the assignee or a supervisor can release a task; ask one of them' },
  'task.no-such-user': { 'zh-CN': '没有这个在职用户，请从列表中选择处理人。', en: 'no such active user; pick someone from the list' },
  'task.not-candidate-user': { 'zh-CN': '{name} 不能处理这一步，请选择具备相应角色的人员。', en: '{name} may not do {stepId}; pick someone who may' },
  'task.form-invalid': { 'zh-CN': '表单中有需要修改的地方，请按各项下方的提示修改后重新提交。', en: 'the {stepId} form is invalid; correct the fields marked and submit again' },
  'task.process-ended': { 'zh-CN': '此任务所属的流程已经结束，请回到工作清单。', en: 'the process of task {taskId} has ended; go back to the worklist' },
  // Processes and their records.
  'process.unknown': { 'zh-CN': '没有找到流程实例 {workflowId}，或您无权查看。请从流程列表重新打开。', en: 'no process {workflowId}' },
  'process.unknown-definition': { 'zh-CN': '没有名为 {process} 的流程，请从流程列表中选择。', en: 'no process {process}' },
  'process.no-history': { 'zh-CN': '没有找到 {workflowId} 的历史记录，或您无权查看。', en: 'no history for {workflowId}' },
  'fault.unknown': { 'zh-CN': '没有找到报修单 {workflowId}，或您无权查看。请从“我的报修”重新打开。', en: 'no fault {workflowId}' },
  'fault.no-photo': { 'zh-CN': '这张报修单没有照片。', en: 'fault {workflowId} has no photo' },
  'fault.rate-own-only': { 'zh-CN': '只有报修人可以评价这次维修。', en: 'only the person who reported the fault rates its repair' },
  'fault.not-closed': { 'zh-CN': '维修尚未完成，完成验收后再来评价。', en: 'the repair is not closed yet; rate it once it is' },
  'fault.unknown-place': { 'zh-CN': '所选的{what}不存在，请从列表中重新选择。', en: 'unknown {what}; pick one from the list' },
  'fault.unit-not-in-building': { 'zh-CN': '所选房号不在该楼栋内，请重新选择楼栋或房号。', en: 'the unit is not in that building; pick them again' },
  'fault.device-system': { 'zh-CN': '所选设备不属于所选系统，请改选正确的系统或设备。', en: 'the device belongs to {system}; pick that system or another device' },
  'fault.own-units-only': { 'zh-CN': '您只能为自己的房屋或公共区域报修，请重新选择房号。', en: 'you can report faults in your own units and common areas only' },
  'fault.monitoring-only': { 'zh-CN': '只有监控值班人员可以上报监控事件，请以本人身份报修。', en: 'only monitoring staff report monitoring events' },
  'fault.owner-source': { 'zh-CN': '业主只能以业主身份报修。', en: 'an owner cannot report as {source}' },
  'announcement.unknown': { 'zh-CN': '没有找到公告 {workflowId}，或它已过期、不面向您。请从公告列表重新打开。', en: 'no announcement {workflowId} for you (or it expired)' },
  'announcement.id-taken': { 'zh-CN': '此公告编号已被使用，请刷新页面后重新提交。', en: 'this announcement id is already taken; reload the page and submit again' },
  'announcement.unknown-audience': { 'zh-CN': '所选的发布范围有误，请从列表中重新选择。', en: "the audience names a building or unit Steward does not know; pick one from the list" },
  'announcement.expiry-past': { 'zh-CN': '有效期须晚于现在。', en: 'the expiry must be in the future' },
  'feedback.unknown': { 'zh-CN': '没有找到反馈 {workflowId}，或您无权查看。请从“我的反馈”重新打开。', en: 'no feedback {workflowId}' },
  'feedback.id-taken': { 'zh-CN': '此反馈编号已被使用，请刷新页面后重新提交。', en: 'this feedback id is already taken; reload the page and submit again' },
  'feedback.no-photo': { 'zh-CN': '这条反馈没有这张照片。', en: 'feedback {workflowId} has no such photo' },
  'feedback.unknown-place': { 'zh-CN': '所选的{what}不存在，请从列表中重新选择。', en: 'unknown {what}; pick one from the list' },
  'feedback.unit-not-in-building': { 'zh-CN': '所选房号不在该楼栋内，请重新选择楼栋或房号。', en: 'the unit is not in that building; pick them again' },
  'feedback.own-units-only': { 'zh-CN': '您只能就自己的房屋或公共区域提交反馈，请重新选择房号。', en: 'you can send feedback about your own units and common areas only' },
  'inspection.plan-invalid': { 'zh-CN': '巡检计划中有需要修改的地方，请按标出的项修改后重新提交。', en: 'the inspection plan is not valid; correct the fields listed' },
  'inspection.unknown-plan': { 'zh-CN': '没有找到巡检计划 {planId}，请从巡检列表重新打开。', en: 'no inspection plan {planId}' },
  'inspection.plan-taken': { 'zh-CN': '编号 {planId} 已被另一个内容不同的巡检计划使用，请换一个编号。', en: 'inspection plan {planId} exists with other content; choose another id' },
  'inspection.plan-inactive': { 'zh-CN': '巡检计划 {planId} 已停用，请先启用再安排巡检。', en: 'inspection plan {planId} is not active; activate it first' },
  'inspection.unknown-record': { 'zh-CN': '没有找到巡检记录 {workflowId}，请从巡检列表重新打开。', en: 'no inspection record {workflowId}' },
  'inspection.unknown-photo': { 'zh-CN': '没有找到这张巡检照片。', en: 'no inspection photo {photoId}' },
  'incident.unknown': { 'zh-CN': '没有找到报警事件 {workflowId}，请从监控中心重新打开。', en: 'no incident {workflowId}' },
  'incident.not-a-guard': { 'zh-CN': '没有这个在岗保安，请从列表中选择。', en: 'not an active guard; pick one from the list' },
  'incident.closed': { 'zh-CN': '该报警事件已经结束，不能再派人。', en: 'the incident is already {status}' },
  // Governance: votes, filings.
  'vote.unknown': { 'zh-CN': '没有找到表决 {voteId}，请从业主表决列表重新打开。', en: 'no vote {voteId}' },
  'vote.not-on-roll': { 'zh-CN': '您不在本次表决的投票人名册上；如有疑问，请联系物业或业委会。', en: 'you are not on the voter roll of this vote; ask the management office or the committee' },
  'vote.not-open-yet': { 'zh-CN': '公示期尚未结束，投票还没开始，请在投票开始后再来。', en: 'voting has not opened yet; come back once it has' },
  'vote.closed': { 'zh-CN': '投票已经截止，不能再投票。', en: 'voting has closed' },
  'vote.no-proxy': { 'zh-CN': '该业主没有登记委托代理人，请由业主本人投票。', en: 'that owner recorded no proxy; the owner casts their own ballot' },
  'vote.proxy-not-owner': { 'zh-CN': '非业主的代理人不能在此投票，请由业主本人投票。', en: 'a proxy who is not an owner cannot cast here; the owner casts their own ballot' },
  'vote.not-the-proxy': { 'zh-CN': '您不是该业主登记的代理人，请由业主本人或其代理人投票。', en: 'you are not the recorded proxy' },
  'vote.already-cast': { 'zh-CN': '这位业主的选票已经投出，不能更改。', en: 'a ballot was already cast for this owner' },
  'vote.proxy-when-open': { 'zh-CN': '只能在投票期间登记代理人。', en: 'proxies are recorded while voting is open' },
  'vote.proxy-not-on-roll': { 'zh-CN': '代理人不在本次表决的业主名册上，请另选一位业主。', en: 'the proxy is not an owner on the roll; name another owner' },
  'vote.proxy-co-owner': { 'zh-CN': '这位共有人已与您共用一张选票，无需委托。', en: 'a co-owner already shares your ballot' },
  'vote.ballot-cast': { 'zh-CN': '您已经投票，不能再委托代理人。', en: 'the ballot is already cast' },
  'vote.objection-period-only': { 'zh-CN': '只能在异议期内提出异议。', en: 'objections are filed during the objection period' },
  'vote.roll-not-frozen': { 'zh-CN': '投票开始时才冻结名册，请在投票开始后再导出。', en: 'the roll is frozen when voting opens' },
  'vote.ballots-after-close': { 'zh-CN': '投票截止后才能导出选票，请在截止后再导出。', en: 'the ballots are exported once voting has closed' },
  'filing.unknown': { 'zh-CN': '没有找到备案 {workflowId}，请从“年度计划与备案”重新打开。', en: 'no filing {workflowId}' },
  // Supply: suppliers, procurements, bids, deliveries, acceptance, evaluations.
  'supplier.unknown': { 'zh-CN': '没有找到供应商 {vendorId}，请从供应商列表中选择。', en: 'no supplier {vendorId}' },
  'supplier.unknown-field': { 'zh-CN': '没有这个供应商，请从供应商列表中选择。', en: 'unknown supplier; pick one from the registry' },
  'supplier.own-entry-only': { 'zh-CN': '供应商只能查看本公司的登记信息。', en: 'suppliers see their own registry entry only' },
  'supplier.document-taken': { 'zh-CN': '此资料编号属于另一家供应商，请换一个编号。', en: 'that document id belongs to another supplier' },
  'supplier.id-taken': { 'zh-CN': '编号 {supplierId} 已登记为“{name}”，请换一个编号。', en: 'supplier {supplierId} is already registered as {name}' },
  'supplier.terminated': { 'zh-CN': '{name} 已终止合作，不能再评价。', en: '{name} is terminated' },
  'evaluation.period-order': { 'zh-CN': '评价期的开始日期晚于结束日期，请调整日期。', en: 'the period ends before it starts' },
  'procurement.unknown': { 'zh-CN': '没有找到采购 {workflowId}，请从采购列表重新打开。', en: 'no procurement {workflowId}' },
  'procurement.supplier-staff-only': { 'zh-CN': '只有供应商员工可以代表供应商操作。', en: 'only supplier staff act for a supplier' },
  'procurement.not-invited': { 'zh-CN': '贵公司未受邀参加此次采购。', en: 'your company is not invited to this procurement' },
  'procurement.not-qualified': { 'zh-CN': '贵公司在供应商名录中的资格已失效，请联系采购部门更新资质。', en: 'your company is no longer qualified in the supplier registry; ask procurement to renew it' },
  'procurement.bid-taken': { 'zh-CN': '投标编号 {bidId} 已用于内容不同的投标，请刷新页面后重新提交。', en: 'bid {bidId} was submitted with other content' },
  'procurement.deadline-passed': { 'zh-CN': '投标截止时间（{deadline}）已过，不能再投标。', en: 'the bid deadline {deadline} has passed' },
  'procurement.not-open': { 'zh-CN': '投标尚未开始，请在投标开始后再提交。', en: 'bidding has not opened' },
  'procurement.no-bid': { 'zh-CN': '贵公司尚未投标。', en: 'your company has not bid' },
  'procurement.sealed': { 'zh-CN': '开标（{opening}）前投标保密，任何人都不能查看，请开标后再来。', en: 'the bids are sealed until the opening at {opening}; nobody reads a bid before it' },
  'procurement.sealed-no-deadline': { 'zh-CN': '开标前投标保密，任何人都不能查看，请开标后再来。', en: 'the bids are sealed until the opening; nobody reads a bid before it' },
  'procurement.unknown-bid': { 'zh-CN': '没有找到您可查看的投标 {bidId}。', en: 'no bid {bidId} you can read' },
  'delivery.unknown': { 'zh-CN': '没有找到项目交付 {workflowId}，请从项目交付列表重新打开。', en: 'no delivery {workflowId}' },
  'delivery.issue-taken': { 'zh-CN': '此问题编号已属于另一个项目交付，请换一个编号。', en: 'that issue id belongs to another delivery' },
  'acceptance.unknown': { 'zh-CN': '没有找到 {workflowId} 的验收，请从项目交付页面重新打开。', en: 'no acceptance {workflowId}' },
  'acceptance.no-report': { 'zh-CN': '{workflowId} 还没有验收报告，验收完成后再来查看。', en: 'no acceptance report for {workflowId}' },
  // Access control.
  'access.unknown-person': { 'zh-CN': '没有找到人员 {personId}，请从门禁人员列表中选择。', en: 'no person {personId}' },
  'access.unknown-credential': { 'zh-CN': '没有找到凭证 {credentialId}，请刷新页面。', en: 'no credential {credentialId}' },
  'access.unknown-pass': { 'zh-CN': '没有找到通行证 {passId}，请刷新页面。', en: 'no pass {passId}' },
  'access.unknown-reference': { 'zh-CN': '所选的{what}不存在，请从列表中重新选择。', en: 'unknown {what}; pick one from the list' },
  'access.owner-needs-register': { 'zh-CN': '业主须关联业主名册，请选择对应的业主。', en: 'an owner is linked to the owner register; pick the owner' },
  'access.resident-needs-unit': { 'zh-CN': '住户须填写所住的房号。', en: 'a resident lives in a unit; give the unit' },
  'access.own-record-only': { 'zh-CN': '您只能查看本人的门禁记录。', en: 'you can see your own access record only' },
  'access.for-yourself-only': { 'zh-CN': '您只能为本人{what}；如需为他人办理，请联系门禁管理人员。', en: 'you can {what} for yourself only; ask the access staff' },
  'access.visitor-uses-pass': { 'zh-CN': '访客的凭证随访客通行证发放，请改为办理访客通行证。', en: 'visitors get their credential with a visitor pass' },
  'access.credential-never-valid': { 'zh-CN': '凭证的有效期已经过去，请选择将来的截止时间。', en: 'the credential would never be valid; choose a later end' },
  'access.left-is-staff': { 'zh-CN': '只有员工是“离职”，业主和住户请选择“搬离”。', en: 'only staff leave; owners and residents move out' },
  'access.staff-do-not-move-out': { 'zh-CN': '员工请选择“离职”，而不是“搬离”。', en: 'staff leave; they do not move out' },
  'access.unknown-unit': { 'zh-CN': '没有这个房号，请从列表中选择。', en: 'unknown unit; pick one from the list' },
  'access.own-units-passes': { 'zh-CN': '您只能为自己的房屋办理访客通行证。', en: 'you can issue passes for your own units only' },
  'access.pass-never-valid': { 'zh-CN': '通行证的截止时间已经过去，请选择将来的时间。', en: 'the pass would never be valid; choose a later end' },
  'access.pass-too-long': { 'zh-CN': '访客通行证最长有效 {days} 天，请选择更早的截止时间。', en: 'a visitor pass is valid for at most {days} days; choose an earlier end' },
  'access.pass-taken': { 'zh-CN': '此编号已用于另一张通行证，请刷新页面后重新办理。', en: 'this id is already another pass' },
  'access.too-many-passes': { 'zh-CN': '您已有 {count} 张有效的访客通行证，请先结束其中一张。', en: 'you already have {count} active visitor passes; end one first' },
  'access.cancel-own-units': { 'zh-CN': '您只能取消自己房屋的通行证。', en: 'you can cancel passes of your own units only' },
  'access.consent-self-only': { 'zh-CN': '人脸识别同意只能由本人作出；代办时请登记本人签署的同意书。', en: 'only the person can consent for themselves; record their signed form instead' },
  'access.signed-form-needs-scan': { 'zh-CN': '登记纸质同意书时须上传扫描件。', en: 'a signed form needs the scanned form' },
  'access.staff-record-forms': { 'zh-CN': '纸质同意书由工作人员登记，请到物业服务中心办理。', en: 'staff record signed forms; ask the management office' },
  'access.deletion-taken': { 'zh-CN': '此编号已用于另一次删除，请刷新页面后重试。', en: 'this id is already another deletion' },
  'access.unknown-owner': { 'zh-CN': '没有这个业主，请从业主名册中选择。', en: 'unknown owner; pick one from the register' },
  'access.not-a-barrier': { 'zh-CN': '此设备不是车辆道闸，请选择道闸设备。', en: 'not a vehicle barrier' },
  'access.face-consent-missing': { 'zh-CN': '人脸须经本人登记同意后才能录入；请改用门卡、指纹或密码。', en: "a face is enrolled only with the person's own recorded consent; offer a card, fingerprint or PIN instead" },
  'access.no-other-way-in': { 'zh-CN': '请先录入门卡、指纹或密码：人脸不能是唯一的通行方式。', en: 'enrol a card, fingerprint or PIN first: a face may not be the only way in' },
  'access.last-other-way-in': { 'zh-CN': '这是人脸之外最后一种通行方式，请先录入另一张门卡、指纹或密码。', en: 'this is the last way in besides the face: enrol another card, fingerprint or PIN first' },
  'access.person-left': { 'zh-CN': '此人已搬离或离职，不能再办理凭证。', en: 'the person has moved out or left' },
  'access.person-taken': { 'zh-CN': '此编号已用于另一位人员，请换一个编号。', en: 'this id is already another person' },
  'access.credential-taken': { 'zh-CN': '此编号已用于另一张凭证，请换一个编号。', en: 'this id is already another credential' },
  'task.not-ready': { 'zh-CN': '此任务所属的流程正在恢复，请稍候几秒再提交。', en: 'the process of this task is not ready for it yet; try again in a few seconds' },
  'search.no-match': { 'zh-CN': '没有与筛选条件相符的{what}“{name}”，请检查后重试。', en: 'no {what} matches "{name}"; check the filter and try again' },
  'outage.unknown': { 'zh-CN': '没有找到报修单 {workflowId}。请回到工作清单。', en: 'no fault repair {workflowId}; go back to the worklist' },
  'outage.not-outage': { 'zh-CN': '这张报修单不是设备离线报修，请按常规流程处理。', en: '{workflowId} is not the repair of a device outage; handle it the usual way' },
  'outage.already-ended': { 'zh-CN': '这张报修单已经结束（{status}），无需再关闭。', en: 'the repair has already ended ({status}); nothing to close' },
  'outage.still-down': { 'zh-CN': '设备“{device}”尚未恢复在线，恢复后才能一键关闭。', en: '{device} is not back online yet; close the repair once it is' },
  'outage.past-diagnosis': { 'zh-CN': '这张报修单已过诊断阶段，请按常规流程完成维修。', en: 'the repair is past its diagnosis; finish it the usual way' },
  // Master data through review (P5.1b).
  'task.own-change': { 'zh-CN': '这项变更由您提交或已由您审核，须由另一位审核人处理（双人复核）。', en: 'you entered or already reviewed this change; another person must decide it (four eyes, P5.1b)' },
  'change.unknown': { 'zh-CN': '没有找到变更 {changeId}，请回到变更列表。', en: 'no change {changeId}; go back to the list of changes' },
  'change.not-readable': { 'zh-CN': '您没有查看这类数据变更的权限。', en: 'you may not read changes to this kind of data' },
  'change.not-maker': { 'zh-CN': '只有提交人可以修改或撤回这项变更。', en: 'only the maker of a change may correct or withdraw it' },
  'change.not-returned': { 'zh-CN': '这项变更目前未被退回，只有被退回的变更可以修改或撤回。', en: 'the change is {status}; only a returned change can be corrected or withdrawn' },
  'change.id-taken': { 'zh-CN': '此变更编号已用于另一项变更，请换一个编号。', en: 'this change id is already another change; use a new one' },
  'change.invalid': { 'zh-CN': '变更不符合采集标准，请按标出的项修改后重新提交。', en: 'the change does not meet the collection standard; correct the fields listed and submit again' },
  'import.invalid': { 'zh-CN': '表格中有 {count} 处不符合采集标准，未写入任何数据；请按标出的行和列修改后重新上传。', en: 'the sheet has {count} faults and nothing was written; correct the rows and columns listed and upload it again' },
  'import.unreadable': { 'zh-CN': '无法读取这个文件，请上传从模板填写的 .xlsx 或 .csv 文件。', en: 'the file cannot be read; upload an .xlsx or .csv file filled in from the template' },
  'import.not-an-import': { 'zh-CN': '这项变更不是批量导入。', en: 'this change is not an import' },
  'device.unknown': { 'zh-CN': '没有设备 {deviceId}，请从列表中选择。', en: 'no device {deviceId}' },
  'unit.unknown': { 'zh-CN': '没有房号 {unitId}，请从列表中选择。', en: 'no unit {unitId}' },
  // Device upgrades (P3.3a–b).
  'firmware.unknown': { 'zh-CN': '没有找到固件版本 {releaseId}，请从固件列表中选择。', en: 'no firmware release {releaseId}' },
  'firmware.checksum-mismatch': { 'zh-CN': '文件的 SHA-256 与填写的不一致，请核对供应商公布的校验值或重新上传文件。', en: "the file's SHA-256 is not the one given; check the supplier's published checksum or upload the file again" },
  'firmware.id-taken': { 'zh-CN': '此编号已用于另一个固件版本，请刷新页面后重新登记。', en: 'this release id is already another release; use a new one' },
  'firmware.version-taken': { 'zh-CN': '{vendor} 已登记过版本 {version}，请勿重复登记。', en: '{vendor} has already registered version {version}' },
  'firmware.own-vendor-only': { 'zh-CN': '供应商只能登记本公司发布的固件。', en: "a supplier's staff register their own company's releases only" },
  'firmware.vendor-required': { 'zh-CN': '请选择发布此固件的供应商。', en: 'name the supplier who released the firmware' },
  'upgrade.unknown': { 'zh-CN': '没有找到升级计划 {planId}，请从升级列表重新打开。', en: 'no upgrade plan {planId}' },
  'upgrade.plan-invalid': { 'zh-CN': '升级计划中有需要修改的地方，请按标出的项修改后重新提交。', en: 'the upgrade plan is not valid; correct the fields listed' },
  'upgrade.id-taken': { 'zh-CN': '此编号已用于另一个升级计划，请刷新页面后重新提交。', en: 'this plan id is already another plan; use a new one' },
  // Backups (P5.2b).
  'backup.already-running': { 'zh-CN': '已有一次{kind}正在进行（{startedAt} 开始），请等它完成后再开始下一次。', en: '{kind} is already running (started {startedAt}); start the next once it is done' },
  'drill.already-running': { 'zh-CN': '已有一次恢复演练正在进行（{startedAt} 开始），请等它完成后再开始下一次。', en: 'a restore drill is already running (started {startedAt}); start the next once it is done' },
  // Staff users and accounts (P1.2, P5.1b).
  'task.own-account': { 'zh-CN': '这项变更涉及您本人的账号，须由另一位审核人处理。', en: 'this change is about your own account; another person must decide it' },
  'resident.unknown': { 'zh-CN': '没有住户 {residentId}，请从列表中选择。', en: 'no resident {residentId}' },
  'zone.unknown': { 'zh-CN': '没有区域 {zoneId}，请从列表中选择。', en: 'no zone {zoneId}' },
  'shift.unknown': { 'zh-CN': '没有班次 {shiftId}，请从排班表中选择。', en: 'no shift {shiftId}' },
  'user.unknown': { 'zh-CN': '没有用户 {userId}，请从列表中选择。', en: 'no user {userId}' },
  'auth.must-change-password': { 'zh-CN': '您的密码已被重置，请先修改密码再继续使用。', en: 'your password was reset; change it before you go on' },
  'account.wrong-password': { 'zh-CN': '当前密码不正确，请重新输入。', en: 'the current password is wrong; enter it again' },
  'account.weak-password': { 'zh-CN': '新密码不符合密码规则，请按提示修改。', en: 'the new password breaks the password rules; see the fields' },
  'account.invitation-unknown': { 'zh-CN': '邀请链接无效、已使用或已过期，请联系物业管理员重新发送。', en: 'the invitation link is unknown, used or expired; ask the property administrators for a new one' },
  'account.username-taken': { 'zh-CN': '这个用户名已被使用，请换一个。', en: 'the username is taken; choose another' },
  // Training (P6, P5.3a).
  'training.security-course-needed': {
    'zh-CN': '您的信息安全培训{state}，按公司信息安全制度（P5.3a）暂不能查看含个人信息的页面。请联系人事部门参加安全培训，完成后即可恢复访问。',
    en: 'your security training {state}; under the security policy (P5.3a) pages with personal data are closed to you until you complete the security course (ask HR)',
  },
  'training.file-not-yours': { 'zh-CN': '只能查看本人的培训档案；查看他人档案需人事或管理层权限。', en: "you may read your own training file only; others' are for HR and management" },
  'training.unknown-certificate': { 'zh-CN': '没有找到这份培训证书。', en: 'no training certificate {certificateId}' },
  'training.certificate-id-taken': { 'zh-CN': '此编号已用于另一份文件，请重新上传。', en: 'this file id is already another file; upload again' },
  'account.own-reset': { 'zh-CN': '不能重置自己的密码，请在“修改密码”中修改。', en: 'you cannot reset your own password; change it instead' },
} as const satisfies Record<string, Localised>;

export type DetailKey = keyof typeof PROBLEM_DETAILS;

/** The message of a field at fault, named by its key: the schema's rules (zod's checks) and the API's. */
export const FIELD_TEXTS = {
  'no-match': { 'zh-CN': '没有相符的记录', en: 'nothing matches' },
  'not-an-outage': { 'zh-CN': '不是设备离线报修', en: 'not an outage repair' },
  'ended': { 'zh-CN': '已结束', en: 'ended' },
  'device-still-down': { 'zh-CN': '设备仍离线', en: 'the device is still down' },
  'past-diagnosis': { 'zh-CN': '已过诊断阶段', en: 'past its diagnosis' },
  'quiet-hours-both': { 'zh-CN': '免打扰时段须同时填写开始和结束', en: 'quiet hours need both a start and an end' },
  'quiet-hours-empty': { 'zh-CN': '免打扰时段的结束须与开始不同', en: 'quiet hours must end at another time than they start' },
  'email-needed': { 'zh-CN': '选择邮件通知须填写邮箱地址', en: 'email notifications need an address' },
  'phone-needed': { 'zh-CN': '选择短信通知须填写手机号码', en: 'SMS notifications need a mobile number' },
  'wecom-needed': { 'zh-CN': '选择企业微信通知须填写企业微信账号', en: 'WeCom notifications need a WeCom account' },
  'mobile-format': { 'zh-CN': '须为 11 位手机号码，如 13800138000', en: 'an 11-digit mobile number like 13800138000' },
  'wecom-account-format': { 'zh-CN': '企业微信账号为 1–64 位字母、数字或 _ . @ -', en: '1 to 64 letters, digits or _ . @ -' },
  'time-of-day': { 'zh-CN': '须为一天中的时刻，如 22:00', en: 'a time of day like 22:00' },
  // zod's checks, by issue.
  required: { 'zh-CN': '必填，请填写此项', en: 'required' },
  'wrong-type': { 'zh-CN': '格式不对，应填写{expected}', en: 'expected {expected}' },
  'too-short': { 'zh-CN': '至少填写 {minimum} 个字', en: 'at least {minimum} characters' },
  'too-long': { 'zh-CN': '最多 {maximum} 个字，请删减', en: 'at most {maximum} characters' },
  'too-small': { 'zh-CN': '不能小于 {minimum}', en: 'at least {minimum}' },
  'too-small-exclusive': { 'zh-CN': '须大于 {minimum}', en: 'more than {minimum}' },
  'too-big': { 'zh-CN': '不能大于 {maximum}', en: 'at most {maximum}' },
  'too-big-exclusive': { 'zh-CN': '须小于 {maximum}', en: 'less than {maximum}' },
  'too-few': { 'zh-CN': '至少选择或填写 {minimum} 项', en: 'at least {minimum} items' },
  'too-many': { 'zh-CN': '最多 {maximum} 项，请删减', en: 'at most {maximum} items' },
  'too-early': { 'zh-CN': '不能早于 {minimum}', en: 'not before {minimum}' },
  'too-late': { 'zh-CN': '不能晚于 {maximum}', en: 'not after {maximum}' },
  'bad-format': { 'zh-CN': '格式不对，应为{format}', en: 'must be {format}' },
  'not-multiple': { 'zh-CN': '应为 {divisor} 的整数倍', en: 'a multiple of {divisor}' },
  'unknown-keys': { 'zh-CN': '有无法识别的项（{keys}），请删去', en: 'unknown fields {keys}; leave them out' },
  'one-of': { 'zh-CN': '请从可选项中选择', en: 'one of: {values}' },
  invalid: { 'zh-CN': '内容不正确，请检查后重新填写', en: 'invalid' },
  // The door.
  'malformed-json': { 'zh-CN': '无法识别的内容（JSON 格式错误）', en: 'malformed JSON' },
  'invalid-cursor': { 'zh-CN': '翻页位置无效，请从第一页重新加载', en: 'invalid cursor' },
  'cross-site': { 'zh-CN': '请求来自其他网站（{origin}）', en: '{origin}' },
  overloaded: { 'zh-CN': '系统繁忙，请稍后再试', en: 'overloaded' },
  unreachable: { 'zh-CN': '暂时无法连接，请稍后再试', en: 'unreachable' },
  'temporarily-locked': { 'zh-CN': '已暂时锁定，请稍后再试', en: 'temporarily locked' },
  // Devices.
  'integer-at-least': { 'zh-CN': '应为不小于 {min} 的整数', en: 'must be an integer ≥ {min}' },
  'device-mismatch': { 'zh-CN': '事件中的设备编号 {claimed} 与认证的设备 {deviceId} 不符', en: 'the payload names {claimed}, the credentials {deviceId}' },
  'active-or-inactive': { 'zh-CN': '应为 active 或 inactive', en: 'active or inactive' },
  'not-a-date-time': { 'zh-CN': '不是有效的日期时间', en: 'not a date-time' },
  'event-type-format': { 'zh-CN': '只能用字母、数字、- 和 _，最多 64 个字符', en: 'letters, digits, - and _ only (at most 64)' },
  'not-an-alert': { 'zh-CN': '不是设备事件（EventNotificationAlert）', en: 'not an EventNotificationAlert' },
  // Records that must exist, ids that must be free.
  'no-such-owner': { 'zh-CN': '没有这个业主，请从列表中选择', en: 'no such owner' },
  'no-such-user': { 'zh-CN': '没有这个用户，请从列表中选择', en: 'no such user' },
  'no-such-unit': { 'zh-CN': '没有这个房号，请从列表中选择', en: 'no such unit' },
  'choose-a-building': { 'zh-CN': '发布到楼栋时请选择楼栋', en: 'choose the building' },
  'choose-units': { 'zh-CN': '发布到指定房屋时请至少选择一个房屋', en: 'choose at least one unit' },
  'expiry-in-past': { 'zh-CN': '有效期须晚于现在', en: 'must be later than now' },
  'no-such-building': { 'zh-CN': '没有这个楼栋，请从列表中选择', en: 'no such building' },
  'no-such-zone': { 'zh-CN': '没有这个区域，请从列表中选择', en: 'no such zone' },
  'no-such-device': { 'zh-CN': '没有这个设备，请从列表中选择', en: 'no such device' },
  'no-such-barrier': { 'zh-CN': '没有这个道闸，请选择道闸设备', en: 'no such barrier' },
  'no-such-supplier': { 'zh-CN': '没有这个供应商，请从名录中选择', en: 'no such supplier' },
  'no-such-guard': { 'zh-CN': '没有这个在岗保安，请从列表中选择', en: 'no active guard with this id' },
  'unknown-user': { 'zh-CN': '没有这个在职用户，请从列表中选择', en: 'unknown user' },
  taken: { 'zh-CN': '此编号已被占用，请换一个', en: 'taken' },
  'already-used': { 'zh-CN': '此编号已被使用，请换一个', en: 'already used' },
  'used-twice': { 'zh-CN': '编号 {id} 重复了，请改成不同的编号', en: 'item id {id} is used twice' },
  // Tasks.
  closed: { 'zh-CN': '任务已结束', en: 'closed' },
  'task-status': { 'zh-CN': '任务已结束', en: '{status}' },
  'incident-closed': { 'zh-CN': '报警事件已结束', en: 'already {status}' },
  'already-claimed': { 'zh-CN': '已被他人认领', en: 'already claimed' },
  'claimed-by-other': { 'zh-CN': '已被他人认领', en: 'claimed by someone else' },
  'not-a-candidate': { 'zh-CN': '此人不能处理这一步，请另选', en: 'not a candidate for this step' },
  // Faults and places.
  'not-your-unit': { 'zh-CN': '不是您的房屋，请选择您自己的房号', en: 'not your unit' },
  'not-in-building': { 'zh-CN': '不在所选楼栋内，请重新选择', en: 'not in the building' },
  'device-system': { 'zh-CN': '设备不属于此系统，请改选', en: 'the device is {system}' },
  'not-monitoring-staff': { 'zh-CN': '仅限监控值班人员', en: 'not monitoring staff' },
  'owners-report-as-owner': { 'zh-CN': '业主只能以业主身份报修', en: 'owners report as owner' },
  'repair-not-closed': { 'zh-CN': '维修尚未完成', en: '{status}' },
  'give-a-place': { 'zh-CN': '请选择楼栋、区域或设备', en: 'give a building, a zone or a device' },
  // Master data (P5.1a collection standard).
  'area-bounds': { 'zh-CN': '专有面积须在 {min} 至 {max} 平方米之间', en: 'an exclusive area from {min} to {max} m²' },
  'id-document-invalid': { 'zh-CN': '证件号码无效：身份证为 18 位且校验位正确，护照为 5 至 17 位字母或数字', en: 'not a valid number: a resident ID has 18 characters and a correct check digit, a passport 5 to 17 letters or digits' },
  'already-owner': { 'zh-CN': '此人已是该房屋的业主，不能重复登记', en: 'already an owner of this unit' },
  'not-an-owner': { 'zh-CN': '此人不是该房屋的业主', en: 'not an owner of this unit' },
  'unit-disabled': { 'zh-CN': '该房屋已停用', en: 'the unit is disabled' },
  'owner-or-new-person': { 'zh-CN': '请选择已登记的业主，或填写新业主的姓名和证件', en: "pick a registered owner, or give a new owner's name and identity document" },
  'change-something': { 'zh-CN': '请至少修改一项', en: 'change at least one field' },
  'not-returned': { 'zh-CN': '未被退回（审核中或已结束）', en: '{status}' },
  'wrong-password': { 'zh-CN': '密码不正确', en: 'wrong password' },
  'password-too-short': { 'zh-CN': '密码至少 {min} 个字符', en: 'at least {min} characters' },
  'password-too-long': { 'zh-CN': '密码最多 {max} 个字符', en: 'at most {max} characters' },
  'password-is-username': { 'zh-CN': '密码不能与用户名相同', en: 'not the username' },
  'username-format': { 'zh-CN': '用户名以小写字母开头，只能用小写字母、数字、点、连字符或下划线，3 至 32 个字符', en: 'a lower-case letter first, then lower-case letters, digits, dots, dashes or underscores; 3 to 32 characters' },
  'user-id-format': { 'zh-CN': '用户编号格式不正确，请从列表中选择', en: 'not a user id (u-…)' },
  'each-role-once': { 'zh-CN': '每个角色只能选一次', en: 'each role once' },
  'user-disabled': { 'zh-CN': '该用户已停用', en: 'the user is disabled' },
  'user-active': { 'zh-CN': '该用户已在用', en: 'the user is already active' },
  'last-admin': { 'zh-CN': '这是最后一位在用的系统管理员，须先让另一位用户成为管理员', en: 'the last active administrator: make another user an administrator first' },
  'same-person-two-names': { 'zh-CN': '同一证件号码在第 {row} 行登记了另一个姓名，请核对', en: 'the same document is under another name in row {row}' },
  'repeated-in-sheet': { 'zh-CN': '与第 {row} 行重复', en: 'the same as row {row}' },
  'header-expected': { 'zh-CN': '表头应为“{expected}”，请使用模板', en: 'expected the heading "{expected}"; use the template' },
  'no-rows': { 'zh-CN': '表格中没有数据行', en: 'the sheet has no rows' },
  'too-many-rows': { 'zh-CN': '一次最多导入 {max} 行，请分批上传', en: 'at most {max} rows at once; upload it in parts' },
  'number-as-text': { 'zh-CN': '号码被表格存成了数字，末几位可能已丢失；请把此列设为文本格式后重新填写', en: 'stored as a spreadsheet number, which loses the last digits; format the column as text and enter it again' },
  'base64': { 'zh-CN': '文件内容须为 base64 编码', en: 'the file, base64-encoded' },
  'changed-meanwhile': { 'zh-CN': '审核期间该记录已被其他变更修改，请按当前数据重新提交', en: 'the record changed while this was in review; submit it again against what is there now' },
  'image-data-url': { 'zh-CN': '请上传 PNG、JPEG 或 WebP 格式的图片', en: 'a PNG, JPEG or WebP data URL' },
  'scan-data-url': { 'zh-CN': '请上传 PNG、JPEG 或 PDF 格式的扫描件', en: 'a PNG, JPEG or PDF data URL' },
  'photo-too-large': { 'zh-CN': '照片不能超过 2 MB，请压缩后重新上传', en: 'at most 2 MB' },
  // Inspections.
  'due-before-next-run': { 'zh-CN': '完成期限须短于巡检周期，请缩短期限', en: 'a run must be due before the next one starts' },
  'item-needs-place': { 'zh-CN': '请为检查项指定设备、区域或楼栋，或为计划指定区域', en: 'give the item a device, zone or building, or the plan an area' },
  inactive: { 'zh-CN': '计划已停用，请先启用', en: 'inactive' },
  'phone-format': { 'zh-CN': '电话号码应为 7–20 位数字，可带 + 和连字符', en: '7 to 20 digits, with + and dashes if need be' },
  'zone-disabled': { 'zh-CN': '该区域已停用，请另选区域', en: 'the zone is disabled' },
  'zone-has-devices': { 'zh-CN': '该区域还有在用的设备，请先把设备移到其他区域或停用', en: 'devices in use are still in the zone; move or disable them first' },
  'zone-has-shifts': { 'zh-CN': '该区域还有未结束的班次，请先取消或改到其他区域', en: 'shifts not yet over still cover the zone; cancel or move them first' },
  'not-a-guard': { 'zh-CN': '此人不是在用的保安账号，请从保安列表中选择', en: 'not an active guard' },
  'shift-overlaps': { 'zh-CN': '该保安在这段时间已有其他班次', en: 'the guard already has a shift at that time' },
  'shift-hours': { 'zh-CN': '下班时间不能与上班时间相同（跨夜班次下班时间可早于上班时间）', en: 'the end differs from the start (an overnight shift ends earlier in the day)' },
  'time-format': { 'zh-CN': '时间格式为 HH:MM（00:00–23:59）', en: 'HH:MM, 00:00 to 23:59' },
  'no-such-shift': { 'zh-CN': '没有这个班次，请从排班表中选择', en: 'no such shift' },
  'shift-cancelled': { 'zh-CN': '该班次已取消', en: 'the shift is cancelled' },
  'device-disabled': { 'zh-CN': '该设备已停用', en: 'the device is disabled' },
  'no-such-resident': { 'zh-CN': '没有这位住户，请从列表中选择', en: 'no such resident' },
  'resident-moved-out': { 'zh-CN': '该住户已搬离', en: 'the resident has moved out' },
  'move-out-after-move-in': { 'zh-CN': '搬离日期不能早于入住日期', en: 'not before the move-in date' },
  'slug-format': { 'zh-CN': '只能用小写字母、数字和连字符，最多 63 个字符', en: 'lower-case letters, digits and dashes, at most 63' },
  'describe-failure': { 'zh-CN': '请说明哪里不合格（至少 3 个字）', en: 'describe what failed (at least 3 characters)' },
  // Access control.
  'required-for-owner': { 'zh-CN': '业主必填，请选择业主', en: 'required for an owner' },
  'required-for-resident': { 'zh-CN': '住户必填，请填写房号', en: 'required for a resident' },
  'a-visitor': { 'zh-CN': '此人是访客，请办理访客通行证', en: 'a visitor' },
  'must-be-future': { 'zh-CN': '须是将来的时间', en: 'must be in the future' },
  'owners-move-out': { 'zh-CN': '业主和住户请选择“搬离”', en: 'a {kind} moves out' },
  'staff-leave': { 'zh-CN': '员工请选择“离职”', en: 'staff leave' },
  'pass-max-days': { 'zh-CN': '最晚为开始时间后 {days} 天', en: 'at most {days} days after validFrom' },
  'active-passes-limit': { 'zh-CN': '最多同时有 {limit} 张有效通行证', en: 'at most {limit} active passes' },
  'not-the-person': { 'zh-CN': '不是本人，请登记本人签署的同意书', en: 'not the person' },
  'required-for-signed-form': { 'zh-CN': '纸质同意书须附扫描件', en: 'required for a signed form' },
  'staff-only': { 'zh-CN': '仅限工作人员', en: 'staff only' },
  'not-you': { 'zh-CN': '只能为本人办理', en: 'not you' },
  'face-consent-missing': { 'zh-CN': '尚未登记本人的人脸识别同意，请改用门卡、指纹或密码', en: "FaceConsentMissing: no consent of the person's own on record" },
  'no-other-way-in': { 'zh-CN': '请先录入门卡、指纹或密码', en: 'NoOtherWayIn: enrol a card, fingerprint or PIN first' },
  'last-other-way-in': { 'zh-CN': '这是人脸之外最后一种通行方式，请先录入另一种', en: 'LastOtherWayIn: enrol another card, fingerprint or PIN first' },
  'person-left': { 'zh-CN': '此人已搬离或离职', en: 'PersonLeft: moved out or left' },
  'id-taken': { 'zh-CN': '此编号已被占用，请换一个', en: 'IdTaken: the id is taken' },
  'card-number-format': { 'zh-CN': '卡号应为 4–20 位数字（十进制或十六进制）', en: '4 to 20 digits (decimal or hex)' },
  'pin-format': { 'zh-CN': '密码应为 4–8 位数字', en: '4 to 8 digits' },
  'jpeg-data-url': { 'zh-CN': '请上传 JPEG 格式的照片', en: 'a JPEG data URL' },
  'face-too-large': { 'zh-CN': '人脸照片不能超过 1 MB，请压缩后重新上传', en: 'at most 1 MB' },
  'after-valid-from': { 'zh-CN': '须晚于开始时间', en: 'must be after validFrom' },
  'after-from': { 'zh-CN': '须晚于开始时间', en: 'must be after from' },
  'period-within-year': { 'zh-CN': '统计期间最长一年（366 天）', en: 'a period of at most 366 days' },
  'plate-format': { 'zh-CN': '车牌格式不对，应如 粤B12345', en: 'a plate such as 粤B12345' },
  // Votes.
  'not-on-roll': { 'zh-CN': '不在投票人名册上', en: 'not on the roll' },
  'voting-opens-later': { 'zh-CN': '公示期结束后才开始投票', en: 'voting opens after the notice period' },
  'deadline-passed': { 'zh-CN': '已过截止时间', en: 'the deadline has passed' },
  'no-proxy': { 'zh-CN': '未登记代理人', en: 'no proxy recorded' },
  'proxy-not-owner': { 'zh-CN': '代理人不是业主', en: 'the proxy is not an owner' },
  'not-your-proxy': { 'zh-CN': '您不是登记的代理人', en: 'not your proxy' },
  'cast-by-you': { 'zh-CN': '您已投过票', en: 'already cast by you' },
  'cast-by-other': { 'zh-CN': '共有人或代理人已投过票', en: 'already cast by a co-owner or proxy' },
  'vote-stage': { 'zh-CN': '表决当前所处阶段不允许此操作', en: 'the vote is {status}' },
  'shares-your-ballot': { 'zh-CN': '与您共用一张选票', en: 'shares your ballot' },
  'already-voted': { 'zh-CN': '已投票', en: 'already voted' },
  'vote-id-format': { 'zh-CN': '只能用小写字母、数字、点和连字符', en: 'lower-case letters, digits, dots and dashes' },
  'name-a-proxy': { 'zh-CN': '请填写另一位业主或代理人的姓名', en: 'name another owner or a person' },
  // Supply.
  'not-invited': { 'zh-CN': '未受邀', en: 'not invited' },
  'not-qualified': { 'zh-CN': '资格已失效', en: '{status}' },
  'bids-open': { 'zh-CN': '已开标', en: 'the bids are open' },
  'outside-bid-window': { 'zh-CN': '不在投标期内', en: 'outside the bid window' },
  'not-opened': { 'zh-CN': '尚未开标', en: 'not opened' },
  'terminated-supplier': { 'zh-CN': '已终止合作的供应商', en: 'terminated supplier' },
  'before-period-end': { 'zh-CN': '须早于结束日期', en: 'must be before periodTo' },
  'project-id-format': { 'zh-CN': '只能用字母、数字、点、下划线或连字符', en: 'letters, digits, dot, underscore or hyphen' },
  'expires-before-issued': { 'zh-CN': '到期日早于签发日，请检查日期', en: 'expires before it was issued' },
  'supplier-id-format': { 'zh-CN': '以 v- 开头，后接 2–40 个小写字母、数字或连字符', en: 'v- followed by 2–40 lowercase letters, digits or hyphens' },
  // Device upgrades.
  'firmware-version-format': { 'zh-CN': '版本号以字母或数字开头，只能用字母、数字、点、下划线、加号或连字符，最多 40 个字符', en: 'a letter or digit first, then letters, digits, dots, underscores, plus signs or dashes; at most 40' },
  'each-model-once': { 'zh-CN': '每个型号只能填写一次', en: 'each model once' },
  'firmware-too-large': { 'zh-CN': '固件文件不能超过 2.9 MB', en: 'at most 2.9 MB' },
  'sha256-format': { 'zh-CN': 'SHA-256 应为 64 位十六进制字符', en: '64 hexadecimal characters' },
  'checksum-mismatch': { 'zh-CN': '与文件的 SHA-256（{actual}）不一致', en: "not the file's SHA-256 ({actual})" },
  'each-device-once': { 'zh-CN': '每台设备只能选一次', en: 'each device once' },
  'canary-among-devices': { 'zh-CN': '试点设备须是所选设备之一', en: 'the canary must be one of the devices' },
  'window-ends-before-start': { 'zh-CN': '窗口结束时间须晚于开始时间', en: 'the window must end after it starts' },
  'window-closed': { 'zh-CN': '升级窗口已经结束，请选择将来的时间', en: 'the window has already closed' },
  'firmware-not-reported': { 'zh-CN': '该设备尚未上报固件版本，请先运行固件评估', en: 'the device has not reported its firmware yet; run the assessment first' },
  'no-target-for-model': { 'zh-CN': '没有为型号 {model} 指定升级目标', en: 'no target for its model {model}' },
  'already-on-target': { 'zh-CN': '已是版本 {version}，无需升级', en: 'already runs {version}' },
  'in-open-plan': { 'zh-CN': '该设备已在另一个未结束的升级计划中', en: 'already in another open plan' },
  'no-such-release': { 'zh-CN': '没有这个固件版本，请从固件列表中选择', en: 'no such firmware release' },
  'release-not-for-model': { 'zh-CN': '该固件不适用于型号 {model}', en: 'the release is not for {model}' },
  'not-the-running-version': { 'zh-CN': '回退固件应为设备当前运行的版本（{version}）', en: 'a rollback release is the version the devices run now ({version})' },
  // Task forms (workflows/*/messages.ts).
  'rating-required': { 'zh-CN': '确认办结时请打分（1–5 星）', en: 'give a rating (1–5 stars) when you confirm' },
  'say-why-reopened': { 'zh-CN': '请说明还有什么问题没有解决', en: 'say what is still not resolved' },
  'improvement-title-required': { 'zh-CN': '采纳时请填写改进事项名称', en: 'name the improvement item when adopting' },
  'too-many-photos': { 'zh-CN': '最多上传 3 张照片', en: 'at most 3 photos' },
  'say-why-rejected': { 'zh-CN': '请说明验收不通过的原因', en: 'say why the repair is rejected' },
  'say-what-to-change': { 'zh-CN': '请说明需要修改什么', en: 'say what to change' },
  'say-what-is-missing': { 'zh-CN': '请说明缺少哪些材料', en: 'say what is missing' },
  'say-what-is-broken': { 'zh-CN': '请描述损坏情况（至少 3 个字）', en: 'say what is broken' },
  'real-incident-only': { 'zh-CN': '只有真实警情才能报修，请把结论改为真实警情', en: 'only a real incident opens a repair' },
  'say-what-was-misused': { 'zh-CN': '请说明被滥用的情况', en: 'say what was misused' },
  'say-why-contract-continues': { 'zh-CN': '请说明继续合作的理由', en: 'say why the contract continues' },
  'say-why': { 'zh-CN': '请说明理由', en: 'say why' },
  'say-what-failed': { 'zh-CN': '请说明哪里不合格', en: 'say what failed' },
  'two-decimals': { 'zh-CN': '最多保留两位小数', en: 'at most two decimals' },
  'major-needs-art278': { 'zh-CN': '重大项目须选择民法典第 278 条的事项（1–9）', en: 'a major project is classified under art. 278 (items 1–9)' },
  'lead-must-be-staff': { 'zh-CN': '项目负责人须是以下角色之一的员工：{roles}', en: 'the project lead must be staff with one of: {roles}' },
  'not-a-lead': { 'zh-CN': '此人不能担任项目负责人，请从列表中选择', en: 'this person may not lead the project: choose from the list' },
  'no-lead-available': { 'zh-CN': '名录中没有可担任项目负责人的员工', en: 'nobody in the directory may lead a project' },
  'milestone-names-differ': { 'zh-CN': '里程碑名称不能重复', en: 'milestone names must differ' },
  'delivered-is-complete': { 'zh-CN': '已交付的项目完成度须为 100%', en: 'a delivered project is 100% complete' },
  'tender-above': { 'zh-CN': '估算超过 {yuan} 元，须公开招标', en: 'an estimate above {yuan} yuan goes to public tender' },
  'say-why-negotiated': { 'zh-CN': '请说明采用谈判采购的理由（至少 5 个字）', en: 'record why the procurement is negotiated' },
  'suppliers-needed': { 'zh-CN': '此采购方式至少需要 {count} 家不同的供应商', en: '{method} needs at least {count} distinct suppliers' },
  'not-qualified-supplier': { 'zh-CN': '不是合格供应商，请从名录中选择', en: 'not a qualified supplier' },
  'no-qualified-supplier': { 'zh-CN': '名录中没有合格供应商，请先完成供应商资格审查', en: 'no supplier in the registry is qualified' },
  'not-eligible-panelist': { 'zh-CN': '此人不能担任评标委员，请另选', en: 'may not sit on this panel' },
  'no-eligible-panelist': { 'zh-CN': '没有其他可担任评标委员的人员', en: 'nobody else may sit on this panel' },
  'each-member-once': { 'zh-CN': '每人只能选一次', en: 'each member once' },
  'panel-needs-more': { 'zh-CN': '评标委员会还需至少 {count} 人', en: 'the panel needs at least {count} more members' },
  'describe-conflict': { 'zh-CN': '请说明利益冲突的情况', en: 'describe the conflict' },
  'team-needs-technology': { 'zh-CN': '验收小组至少需要一名技术部门成员（维修技师或技术主管）', en: 'the team needs at least a member of the technology department (technician or tech supervisor)' },
  'team-needs-business': { 'zh-CN': '验收小组至少需要一名相关业务部门成员', en: 'the team needs at least a member of a business department concerned' },
  'team-needs-owner': { 'zh-CN': '验收小组至少需要一名业主代表（业主或业委会委员）', en: 'the team needs at least an owner representative (an owner or a committee member)' },
  'not-technology-member': { 'zh-CN': '不是技术部门成员，请从列表中选择', en: 'not a member of the technology department' },
  'not-business-member': { 'zh-CN': '不是业务部门成员，请从列表中选择', en: 'not a member of a business department' },
  'not-owner-representative': { 'zh-CN': '不是业主代表（业主或业委会委员），请从列表中选择', en: 'not an owner representative (an owner or a committee member)' },
  'nobody-technology': { 'zh-CN': '名录中没有技术部门成员', en: 'nobody in the directory is in the technology department' },
  'nobody-business': { 'zh-CN': '名录中没有业务部门成员', en: 'nobody in the directory is in a business department' },
  'nobody-owner': { 'zh-CN': '名录中没有业主代表', en: 'nobody in the directory is an owner representative' },
  'sits-once': { 'zh-CN': '同一人只能在小组中出现一次', en: 'a person sits on the team once' },
  // The training cycle (P6, P5.3a).
  'not-staff': { 'zh-CN': '不是在职员工，请从列表中选择', en: 'not a staff member: choose from the list' },
  'no-staff': { 'zh-CN': '名录中没有在职员工', en: 'nobody in the directory is staff' },
  'each-attendee-once': { 'zh-CN': '每位学员须且只能填写一次', en: 'every attendee exactly once' },
  'certificate-needed': { 'zh-CN': '外部培训须上传证书并填写有效期', en: 'an external course needs the certificate and its expiry' },
  'answer-among-options': { 'zh-CN': '正确答案须是选项之一（填写选项序号）', en: 'the answer is the number of one of the options' },
  'options-differ': { 'zh-CN': '选项不能重复', en: 'the options must differ' },
  'security-needs-validity': { 'zh-CN': '安全培训须填写有效期（月）', en: 'a security course needs its validity (months)' },
  'certificate-file': { 'zh-CN': '请上传 PDF、PNG 或 JPEG 格式的证书', en: 'a PDF, PNG or JPEG data URL' },
  'certificate-too-large': { 'zh-CN': '证书文件不能超过 2 MB，请压缩后重新上传', en: 'at most 2 MB' },
  'file-not-what-it-says': { 'zh-CN': '文件内容与其格式不符，请上传真实的 PDF、PNG 或 JPEG 文件', en: 'the file is not what its type says; upload a real PDF, PNG or JPEG' },
} as const satisfies Record<string, Localised>;

export type FieldKey = keyof typeof FIELD_TEXTS;

/** A field's message key, checked: what schemas give as a zod message (`.refine(…, { message: fieldText('say-why') })`). */
export const fieldText = (key: FieldKey): FieldKey => key;

/** A field at fault as the API and the workflows hold it: the key of its message and the values it names. */
export interface FieldFault {
  field: string;
  message: FieldKey;
  params?: TextParams;
}

/** Kinds of record a refusal names ("unknown unit"). */
export const RECORD_NAMES = {
  owner: { 'zh-CN': '业主', en: 'owner' },
  user: { 'zh-CN': '用户', en: 'user' },
  unit: { 'zh-CN': '房号', en: 'unit' },
  building: { 'zh-CN': '楼栋', en: 'building' },
  zone: { 'zh-CN': '区域', en: 'zone' },
  device: { 'zh-CN': '设备', en: 'device' },
  resident: { 'zh-CN': '住户', en: 'resident' },
} as const satisfies Record<string, Localised>;

const LIST_SEPARATOR: Localised = { 'zh-CN': '、', en: ', ' };

const isLocalised = (value: TextParam): value is Localised => typeof value === 'object' && !Array.isArray(value);

/** Fills a template's {placeholders}: lists joined the language's way, localised values in the language. */
export function fillText(texts: Localised, language: Language, params: TextParams = {}): string {
  return texts[language].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (isLocalised(value)) return value[language];
    if (Array.isArray(value)) return value.join(LIST_SEPARATOR[language]);
    return String(value);
  });
}

/** A field's message in the language; a message that is no key (an older schema's literal) stays as it is. */
export function fieldMessage(fault: { message: string; params?: TextParams }, language: Language): string {
  const texts = (FIELD_TEXTS as Record<string, Localised>)[fault.message];
  return texts ? fillText(texts, language, fault.params) : fault.message;
}

/** Role names in every language, for a text that says whom to ask. */
export function roleNames(roles: readonly string[]): Localised {
  const titles = roles.map((role) => ROLE_TITLES[role as Role] ?? { 'zh-CN': role, en: role });
  return { 'zh-CN': titles.map((title) => title['zh-CN']).join('、'), en: titles.map((title) => title.en).join(', ') };
}

/** A moment in Beijing time to the second (zh-CN) and as ISO 8601 (en). */
export function momentText(at: Date): Localised {
  const beijing = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'medium', hourCycle: 'h23' }).format(at);
  return { 'zh-CN': `北京时间 ${beijing}`, en: at.toISOString() };
}

const TYPE_NAMES: Readonly<Record<string, Localised>> = {
  string: { 'zh-CN': '文字', en: 'text' },
  number: { 'zh-CN': '数字', en: 'a number' },
  int: { 'zh-CN': '整数', en: 'a whole number' },
  boolean: { 'zh-CN': '是或否', en: 'yes or no' },
  array: { 'zh-CN': '列表', en: 'a list' },
  object: { 'zh-CN': '一组字段', en: 'an object' },
  date: { 'zh-CN': '日期', en: 'a date' },
};

const FORMAT_NAMES: Readonly<Record<string, Localised>> = {
  datetime: { 'zh-CN': '日期时间（如 2026-12-02T08:00:00Z）', en: 'a date and time (ISO 8601)' },
  date: { 'zh-CN': '日期（如 2026-12-02）', en: 'a date (YYYY-MM-DD)' },
  time: { 'zh-CN': '时间（如 08:00）', en: 'a time (HH:MM)' },
  email: { 'zh-CN': '电子邮箱地址', en: 'an email address' },
  url: { 'zh-CN': '网址', en: 'a URL' },
  uuid: { 'zh-CN': 'UUID 编号', en: 'a UUID' },
  regex: { 'zh-CN': '规定的格式', en: 'in the expected format' },
};

/** A zod issue as zod reports it (after the parse) or hands it to an error map (during it, with its input). */
interface IssueLike {
  code?: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint | Date;
  maximum?: number | bigint | Date;
  inclusive?: boolean;
  format?: string;
  divisor?: number;
  keys?: string[];
  values?: readonly unknown[];
}

const bound = (value: IssueLike['minimum']) => (value instanceof Date ? value.toISOString() : Number(value));

/** The key of a zod issue's message: an error map that makes every check name a field text. */
export function issueKey(issue: IssueLike): FieldKey {
  const many = issue.origin === 'array' || issue.origin === 'set';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? 'required' : 'wrong-type';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'required' : 'too-short';
      if (issue.origin === 'date') return 'too-early';
      return many ? 'too-few' : issue.inclusive === false ? 'too-small-exclusive' : 'too-small';
    case 'too_big':
      if (issue.origin === 'string') return 'too-long';
      if (issue.origin === 'date') return 'too-late';
      return many ? 'too-many' : issue.inclusive === false ? 'too-big-exclusive' : 'too-big';
    case 'invalid_format':
      return 'bad-format';
    case 'not_multiple_of':
      return 'not-multiple';
    case 'unrecognized_keys':
      return 'unknown-keys';
    case 'invalid_value':
      return 'one-of';
    default:
      return 'invalid';
  }
}

/** The values a zod issue's message names. */
export function issueParams(issue: IssueLike & { params?: Record<string, unknown> }): TextParams {
  const params: Record<string, TextParam> = {};
  if (issue.expected) params.expected = TYPE_NAMES[issue.expected] ?? { 'zh-CN': issue.expected, en: issue.expected };
  if (issue.minimum !== undefined) params.minimum = bound(issue.minimum);
  if (issue.maximum !== undefined) params.maximum = bound(issue.maximum);
  if (issue.format) params.format = FORMAT_NAMES[issue.format] ?? { 'zh-CN': FORMAT_NAMES.regex['zh-CN'], en: issue.format };
  if (issue.divisor !== undefined) params.divisor = issue.divisor;
  if (issue.keys) params.keys = issue.keys;
  if (issue.values) params.values = issue.values.map(String);
  // A custom check's own values (`params` of refine or addIssue).
  for (const [name, value] of Object.entries(issue.params ?? {})) params[name] = value as TextParam;
  return params;
}

/** Zod issues as fields at fault: dotted paths (under a prefix; `whole` for the value itself), keyed messages and their values. */
export function fieldFaults(
  issues: ReadonlyArray<IssueLike & { path: readonly PropertyKey[]; message: string; params?: Record<string, unknown> }>,
  prefix?: string,
  whole = '(body)',
): FieldFault[] {
  return issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || whole,
    message: (issue.message in FIELD_TEXTS ? issue.message : issueKey(issue)) as FieldKey,
    params: issueParams(issue),
  }));
}
