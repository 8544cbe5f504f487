# The writer of the PLANTED twins of fresh-trial fixtures (r_trials16_twins.py, r_trials18_twins.py): each NAME_planted.phc
# is NAME.phc with, for each (original, planted) pair, the one claim line holding the original (its first line, if it
# spans several: the first claim holding it) rewritten with the planted text and its name marked PLANTED. A pair whose
# planted text is None is skipped.
import re

def write_twins(plants, suite):
    for name, pairs in plants.items():
        lines = open(name + ".phc").read().split("\n")
        count = 0
        for orig, new in pairs:
            if new is None:
                continue
            if "\n" in orig:
                orig, new = orig.split("\n")[0], new.split("\n")[0]
                hits = [i for i, l in enumerate(lines) if l.startswith("claim ") and orig in l][:1]
            else:
                hits = [i for i, l in enumerate(lines) if l.startswith("claim ") and orig in l]
            assert len(hits) == 1, (name, orig, hits)
            i = hits[0]
            lines[i] = re.sub(r'^claim "([^"]*)"', lambda m: 'claim "' + m.group(1) + ' (PLANTED)"', lines[i].replace(orig, new))
            count += 1
        head = "# PLANTED twin of " + name + ".phc (" + suite + "): each claim marked PLANTED is subtly wrong and must FAIL.\n"
        open(name + "_planted.phc", "w").write(head + "\n".join(lines))
        print(name, count)
