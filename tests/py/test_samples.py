"""The two sample interviews (tests/data, copied from the shared corpus's interviews/): their
structure and sentences, checked by hand against the articles."""
import os

from pontt import DATA, pont, read

LUCAS = os.path.join(DATA, "lucas-ops-microsoft.fr.txt")
GAUTIER = os.path.join(DATA, "gautier-sre-trajectoire.fr.txt")


def seg(path):
    r = pont("segment", "--format", "json", path)
    assert r.rc == 0, r.errtext
    return r.json()["files"][0]


def test_lucas_turns():
    d = seg(LUCAS)
    kinds = [b["kind"] for b in d["paragraphs"]]
    turns = [b["speaker"] for b in d["paragraphs"] if b["kind"] == "turn"]
    assert kinds[:3] == ["title", "title", "standfirst"], kinds[:4]
    # from the first "Kate :" on, turns alternate Kate / Lucas; the one unlabelled line (¶21)
    # goes on with Lucas's answer and stays a paragraph
    first = kinds.index("turn")
    assert [i for i, k in enumerate(kinds) if i >= first and k != "turn"] == [20], kinds
    assert turns == ["Kate", "Lucas"] * (len(turns) // 2), turns
    assert len(turns) == 22, len(turns)
    texts = [s["text"] for s in d["segments"]]
    # no sentence starts with its label, and no label is lost
    assert not any(t.startswith(("Kate", "Lucas :")) for t in texts)
    raw = read(LUCAS).decode()
    assert raw.count("\nKate : ") + raw.count("\nLucas : ") == len(turns)


def test_lucas_sentences():
    texts = [s["text"] for s in seg(LUCAS)["segments"]]
    assert "Salut Lucas !" in texts
    assert ("Merci beaucoup pour le temps que tu nous accordes aujourd’hui.") in texts
    assert any(t.endswith("fonctionnent correctement 24h/7j.") for t in texts), "split inside 24h/7j"
    assert any(t.endswith("une fois développés :-).") for t in texts), "split inside :-)"
    assert "Le jackpot donc !" in texts


def test_gautier_structure():
    d = seg(GAUTIER)
    by_text = {}
    for s in d["segments"]:
        by_text.setdefault(s["text"], s["kind"])
    assert by_text["Trajectoire(S) : Gautier, l'autodidacte à la pointe du SRE."] == "title"
    # the article's intertitles are headings, not sentences of a paragraph
    for h in ("Partition ou code ?", "Une ascension à l’américaine : de CTO à SRE…",
              "1ère partie : Tous les chemins mènent à…", "Ok, on rembobine : flashback !"):
        assert by_text.get(h) == "heading", (h, by_text.get(h))
    assert not any(b["kind"] == "turn" for b in d["paragraphs"]), "a colon in a sentence is no speaker"
    texts = [s["text"].replace("\xa0", " ") for s in d["segments"]]
    # "?" followed by a lower-case word goes on; "R&D (recherche et développement)." stays whole
    assert any(t.startswith("Qui sont nos travailleurs de l’IT : leur parcours ? leur histoire ?") for t in texts)
    assert "Etc." in texts
    assert any("« Égaré dans la vallée infernale" in t for t in texts)


def test_abbreviations_in_context():
    r = pont("segment", "--format", "json",
             stdin="Lucas a rencontré M. Dupont et Mme Durand. Le Dr Martin était là. Fin.\n".encode())
    texts = [s["text"] for s in r.json()["files"][0]["segments"]]
    assert texts == ["Lucas a rencontré M. Dupont et Mme Durand.", "Le Dr Martin était là.", "Fin."], texts
