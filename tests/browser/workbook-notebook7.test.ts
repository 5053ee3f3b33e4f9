/** The workbook in the browser: every notebook in the 'notebook7' frontend variant (see workbook-suite.ts, frontends.ts). */
import { describeWorkbook } from './workbook-suite';

describeWorkbook(['notebook7']);
