/**
 * The workbook in the browser, plotly's JupyterLab extension the other way round: JupyterLab 4 without it and
 * Notebook 7 with it run the fixture (see workbook-suite.ts, frontends.ts).
 */
import { describeWorkbook } from './workbook-suite';

describeWorkbook(['lab-no-plotly', 'notebook7-plotly']);
