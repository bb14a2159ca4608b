"""Events: a parsed sentence in, candidate PLOVER events with trigger, actor and recipient tokens out.

``lexicon`` loads the trigger lexicon and frames (``data/``); ``candidates`` finds triggers and chooses
events; ``arguments`` and ``parties`` read actor and recipient off the dependency parse; ``spans`` turns
argument tokens into full noun phrases; ``intent`` recodes announced intentions as PLOVER prescribes.
"""
