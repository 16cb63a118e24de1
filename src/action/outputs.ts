import * as core from '@actions/core';
import { plainDecimal } from '../text/format-number.js';

export interface ActionOutputs {
  status: 'pass' | 'warn' | 'fail' | 'error';
  totalCo2eG?: number;
  totalEnergyKwh?: number;
  reportPath?: string;
  commentUrl?: string;
}

/** Every output is set on every path, error included, so later steps can read them without guards. */
export function setOutputs(o: ActionOutputs): void {
  core.setOutput('status', o.status);
  core.setOutput('total-co2e-g', o.totalCo2eG === undefined ? '' : plainDecimal(o.totalCo2eG));
  core.setOutput('total-energy-kwh', o.totalEnergyKwh === undefined ? '' : plainDecimal(o.totalEnergyKwh));
  core.setOutput('report-path', o.reportPath ?? '');
  core.setOutput('comment-url', o.commentUrl ?? '');
}
