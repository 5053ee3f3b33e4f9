/** Plotly figure builders: plain data in, Figure JSON out (nothing here knows the notebook). */
export * from './figure';
export * from '../text/format';
export * from './loss-curves';
export * from './epoch-curves';
export * from './dropout-scaling';
export * from './hidden-scale';
export * from './line-bar';
export * from './summary';
