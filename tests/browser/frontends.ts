/**
 * The frontends the browser test drives, as variants: which Jupyter app, whether plotly's JupyterLab
 * extension (what `pip install plotly` brings; it renders application/vnd.plotly.v1+json natively) is
 * active, how to start the server and where a notebook's page is.
 *
 *   classic        Debian's classic Notebook 6 (/usr/bin): always the HTML fallback
 *   lab            JupyterLab 4 from the project venv, plotly extension active (if plotly is installed)
 *   lab-no-plotly  the same JupyterLab with the extension disabled (page_config): the HTML fallback
 *   notebook7      Notebook 7 from the project venv, extension disabled: the HTML fallback
 *   notebook7-plotly  Notebook 7 with the extension active
 * Every notebook runs in classic, lab and notebook7 (so both renderers are covered by whole notebooks);
 * the other two run the fixture only.
 * Left out: VS Code (cannot run here), JupyterLab 3, nbclassic.
 */
import * as fs from 'fs';
import * as path from 'path';
import { findFrontends, type Frontend, type FrontendName } from '../../kernel-setup/frontends';
import { venvBin } from '../../kernel-setup/venv';

export type VariantName = 'classic' | 'lab' | 'lab-no-plotly' | 'notebook7' | 'notebook7-plotly';

export interface Variant {
  name: VariantName;
  frontend: FrontendName;
  /** 'on': plotly's extension must be installed and active; 'off': disabled in the server's page config. */
  plotlyExtension: 'on' | 'off' | 'n/a';
  /** The renderer every settled figure must be drawn by: plotly's extension or our HTML. */
  renderer: 'native' | 'html';
  /** Runs every notebook (true) or only the fixtures. */
  allNotebooks: boolean;
  /** Human label for test names and screenshots. */
  label: string;
}

export const VARIANTS: Variant[] = [
  { name: 'classic', frontend: 'classic', plotlyExtension: 'n/a', renderer: 'html', allNotebooks: true, label: 'classic Notebook 6' },
  { name: 'lab', frontend: 'lab', plotlyExtension: 'on', renderer: 'native', allNotebooks: true, label: 'JupyterLab 4 + plotly extension' },
  { name: 'notebook7', frontend: 'notebook7', plotlyExtension: 'off', renderer: 'html', allNotebooks: true, label: 'Notebook 7, no plotly extension' },
  { name: 'lab-no-plotly', frontend: 'lab', plotlyExtension: 'off', renderer: 'html', allNotebooks: false, label: 'JupyterLab 4, no plotly extension' },
  { name: 'notebook7-plotly', frontend: 'notebook7', plotlyExtension: 'on', renderer: 'native', allNotebooks: false, label: 'Notebook 7 + plotly extension' },
];

/** The plugin id of plotly's mime renderer: page_config's disabledExtensions needs this, not the package name. */
export const PLOTLY_PLUGIN = '@jupyterlab/plotly-extension:factory';

/** Plotly's JupyterLab extension as installed in the venv (share/jupyter/labextensions), or null. */
export function plotlyExtensionDir(): string | null {
  const dir = path.join(path.dirname(venvBin()), 'share', 'jupyter', 'labextensions', 'jupyterlab-plotly');
  return fs.existsSync(path.join(dir, 'package.json')) ? dir : null;
}

export interface FoundVariant { variant: Variant; frontend: Frontend | null; missing: string | null }

/**
 * Each variant with the frontend that serves it, or what is missing. Classic is Debian's (/usr/bin only:
 * a pip Notebook 7 earlier on PATH must not stand in for it); Lab and Notebook 7 come from the project venv.
 */
export function findVariants(): FoundVariant[] {
  const classic = findFrontends(['/usr/bin']).find((f) => f.name === 'classic') ?? null;
  const venv = findFrontends([venvBin()]);
  const ext = plotlyExtensionDir();
  return VARIANTS.map((variant) => {
    const frontend = variant.frontend === 'classic' ? classic : venv.find((f) => f.name === variant.frontend) ?? null;
    let missing: string | null = null;
    if (!frontend) {
      missing = variant.frontend === 'classic'
        ? 'classic Notebook 6 in /usr/bin (apt-get install jupyter-notebook)'
        : `${variant.frontend === 'lab' ? 'JupyterLab 4' : 'Notebook 7'} in .venv/ (npx ts-node kernel-setup/venv.ts jupyterlab notebook plotly)`;
    } else if (variant.plotlyExtension === 'on' && !ext) {
      missing = "plotly's JupyterLab extension in .venv/ (npx ts-node kernel-setup/venv.ts plotly)";
    }
    return { variant, frontend, missing };
  });
}
