// The scanner sheet's strings (zh-CN default, English), added to the phone's tables when the scanner chunk loads
// (scan-into.js), so they stay out of the shell. The scan button and the "cannot load" message stay in the shell.

const ZH = {
  'scan.title': "扫描疫苗包装上的条码",
  'scan.starting': "正在打开摄像头…",
  'scan.aim': "请将条码置于画面中央",
  'scan.no_camera': "无法使用摄像头，请拍照识别",
  'scan.photo': "拍照识别",
  'scan.reading': "正在识别…",
  'scan.none_in_photo': "照片中未识别到条码，请靠近重拍",
  'scan.unknown': "无法识别的条码（不是追溯码或 GS1 码）",
  'scan.other_vaccine': "扫到的是{vaccine}的包装，不是本剂次的疫苗",
  'scan.filled': "已填入：{fields}",
  'scan.no_lot': "追溯码不含批号：请填写批号和有效期",
};

const EN = {
  'scan.title': "Scan the code on the vaccine pack",
  'scan.starting': "Opening the camera…",
  'scan.aim': "Hold the code in the middle of the picture",
  'scan.no_camera': "The camera cannot be used here: scan from a photo",
  'scan.photo': "Scan from a photo",
  'scan.reading': "Reading…",
  'scan.none_in_photo': "No code found in the photo: take it again, closer",
  'scan.unknown': "Not a traceability or GS1 code",
  'scan.other_vaccine': "This pack is {vaccine}, not this dose's vaccine",
  'scan.filled': "Filled in: {fields}",
  'scan.no_lot': "A traceability code carries no lot: enter the lot and expiry date",
};

export const SCAN_MESSAGES = { 'zh-CN': ZH, en: EN };
