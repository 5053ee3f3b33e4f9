/** The workbook in the browser: every notebook in the 'lab' frontend variant (see workbook-suite.ts, frontends.ts). */
import { describeWorkbook } from './workbook-suite';

describeWorkbook(['lab']);
