"""The training stages of a report, from the run records in runs folders: minutes, where and in which precision.

    python bench/stages.py nbs/runs/cpu [more run folders or runs folders ...]

Every run folder (one holding config.json) under the arguments becomes a row: what was trained, the preset and
seed, steps, minutes of training (its periodic evaluations included, checkpoint writes not), device and precision
as the run recorded them (runs from before precision was recorded: float32 on the CPU, bf16 on CUDA). A Markdown
table, then the total.
"""
import json, sys
from pathlib import Path

rows, total = [], 0.0
for root in map(Path, sys.argv[1:] or ['runs']):
    for config in sorted(root.rglob('config.json')):
        record = json.loads(config.read_text())
        if 'train_seconds' not in record:
            continue
        minutes = record['train_seconds'] / 60
        total += minutes
        default = 'bfloat16' if 'cuda' in str(record.get('device')) else 'float32'  # before it was recorded
        rows.append(
            f"| {config.parent} | {record.get('kind')} | {record.get('preset')} | {record.get('seed', 0)} | "
            f"{record['step']:,} | {minutes:.1f} | {record.get('device')} | {record.get('precision', default)} |"
        )
print('| run | kind | preset | seed | steps | training (min) | device | precision |')
print('|---|---|---|---|---|---|---|---|')
print('\n'.join(rows))
print(f'\n{len(rows)} runs, {total:.1f} minutes of training')
