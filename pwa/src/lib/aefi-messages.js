// The AEFI form's strings (zh-CN default, English): the page's texts (the card's coded scales stay in the shell's
// tables: the server names them from there too). They join the phone's tables when the form's chunk loads (aefi-form.js), so they stay out of the shell; the page's title and the
// "not downloaded yet" message stay in the shell.

const ZH = {
  'aefi.suspect_n': "疑似疫苗 {n}",
  'aefi.manual_vaccine': "手工填写疑似疫苗（受种记录中没有时）",
  'aefi.no_doses': "本机没有该受种者的接种记录，请手工填写疑似疫苗。",
  'aefi.returned': "县疾控退回：{reason}。请修改后重新提交。",
  'aefi.saved': "AEFI 报告已保存",
  'aefi.scored': "县级考核检查以下字段是否填写（缺一项，本报告即计为不完整）：{list}",
  'aefi.case_code_hint': "国家监测系统的14位编码，网络直报后填写；尚未直报可留空。",
  'aefi.spec_example': "如 0.5ml/支",
  'aefi.dose_amount_example': "如 0.5ml",
};

const EN = {
  'aefi.suspect_n': "Suspect vaccine {n}",
  'aefi.manual_vaccine': "Suspect vaccine by hand (when not in the records)",
  'aefi.no_doses': "No recorded doses of this person on this phone; enter the suspect vaccine by hand.",
  'aefi.returned': "Returned by the county: {reason}. Please fix and resubmit.",
  'aefi.saved': "AEFI report saved",
  'aefi.scored': "The county's score checks that these fields are filled (one missing makes the report incomplete): {list}",
  'aefi.case_code_hint': "The national system's 14-digit code, once the case is reported online; leave empty until then.",
  'aefi.spec_example': "e.g. 0.5 ml/vial",
  'aefi.dose_amount_example': "e.g. 0.5 ml",
};

export const AEFI_MESSAGES = { 'zh-CN': ZH, en: EN };
