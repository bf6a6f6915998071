"""events/speaker_acts.py and the speaker-act parts of events/derived.py, on sentences written
for these tests: which of a speaker's acts are coded, toward whom, and which are only frames."""

from __future__ import annotations


def _factual(doc):
    return [e for e in doc.events if not e.negated and e.modality == "asserted" and e.attributed_to is None]


def _keys(doc):
    return {(e.cameo[:2], e.source.country if e.source else None, e.target.country if e.target else None) for e in _factual(doc)}


def test_a_speech_that_frames_a_statement_is_no_event_of_its_own(coder):
    framed = coder.code_text("In his speech to parliament, the Moroccan king said Algeria's policy was a failure.", date="2025-03-04")
    assert ("11", "MAR", "DZA") in _keys(framed)
    assert not [e for e in _factual(framed) if e.cameo == "010"]
    plain = coder.code_text("The Turkish president addressed parliament on Tuesday.", date="2025-03-04")
    assert [e.cameo for e in _factual(plain)] == ["010"]  # the address is all the sentence reports


def test_an_interview_question_frame_is_no_appeal(coder):
    doc = coder.code_text("Asked about the border talks, the Chilean foreign minister said Bolivia must withdraw its troops.", date="2025-03-04")
    assert ("10", "CHL", "BOL") in _keys(doc)
    assert not [e for e in _factual(doc) if e.root == "02"]
    asked = coder.code_text("The Chilean president was asked by Bolivia to withdraw its troops.", date="2025-03-04")
    assert [e for e in _factual(asked) if e.root == "02" and e.source and e.source.country == "BOL"]


def test_his_country_in_the_speakers_words_is_the_speakers_state(coder):
    doc = coder.code_text("The Nepalese foreign minister said his country would keep sending aid to Sri Lanka.", date="2025-03-04")
    assert ("03", "NPL", "LKA") in _keys(doc)


def test_a_charged_actors_plan_is_not_the_speakers_announcement(coder):
    doc = coder.code_text("The Cuban foreign minister accused the United States of planning to invade Venezuela.", date="2025-03-04")
    assert ("11", "CUB", "USA") in _keys(doc)
    assert not [e for e in _factual(doc) if e.root in ("13", "19")]


def test_a_side_telling_its_own_past_act_is_its_claim_never_a_fact(coder):
    # What a side says it did (kills, captures, withdrawals) is its account, to be weighed:
    # attributed to the speaker, never asserted by the text.
    doc = coder.code_text("The Turkish defence ministry said its forces had destroyed three militant positions in northern Iraq.", date="2025-03-04")
    told = [e for e in doc.events if e.root == "17" and e.trigger.text == "destroyed"]
    assert told and not [e for e in told if e.factual]
    assert all(e.attributed_to or e.statement for e in told)
    assert [st for st in doc.statements if st.speaker.country == "TUR"]
    plain = coder.code_text("Turkish forces destroyed three militant positions in northern Iraq on Tuesday.", date="2025-03-04")
    assert [e for e in _factual(plain) if e.root == "17"]  # the same act told by the text is a fact

def test_a_present_perfect_with_repeatedly_sums_up_acts_and_is_no_event(coder):
    habit = coder.code_text("The United Nations has repeatedly called for access to the northern camps in Kenya.", date="2025-03-04")
    assert not [e for e in _factual(habit) if e.root == "02"]
    assert [e for e in habit.events if e.root == "02" and e.modality == "generic"]
    once = coder.code_text("Kenyan police repeatedly fired tear gas at protesters in Nairobi on Tuesday.", date="2025-03-04")
    assert [e for e in _factual(once) if e.root == "17"]  # one episode, told in the past


def test_the_grounds_of_a_praise_are_the_judges_words_not_an_event(coder):
    doc = coder.code_text("The Estonian president praised the border guards for defending the frontier and thanked Latvia for its solidarity.", date="2025-03-04")
    assert [e for e in _factual(doc) if e.cameo == "051" and e.target and e.target.country == "LVA"]  # the thanks are an act
    assert not [e for e in _factual(doc) if e.trigger.text in ("defending", "solidarity")]
    assert [e for e in doc.events if e.rule.startswith("grounds:")]


def test_two_word_judgements_count_by_their_head_and_the_verbs_lemma(coder):
    right = coder.code_text("The Chinese foreign ministry said the Japanese government had no right to speak.", date="2025-03-04")
    assert ("11", "CHN", "JPN") in _keys(right)
    hollow = coder.code_text("The Chinese foreign ministry said the US side has been hollowing out the one-China principle.", date="2025-03-04")
    assert ("11", "CHN", "USA") in _keys(hollow)
    plain = coder.code_text("The Chinese foreign ministry said the Japanese government had the right to speak.", date="2025-03-04")
    assert ("11", "CHN", "JPN") not in _keys(plain)


def test_a_feeling_about_the_news_targets_the_doer_of_the_act_just_reported(coder):
    doc = coder.code_text(
        "Eritrean troops shelled the Ethiopian town of Zalambessa on Monday. "
        "Kenya's foreign ministry said it was deeply troubled by the news.", date="2025-03-04")
    assert ("11", "KEN", "ERI") in _keys(doc)
    victims = coder.code_text("The Kenyan foreign minister said he was alarmed by reports that Ugandan aid workers had been killed.", date="2025-03-04")
    assert not [e for e in _factual(victims) if e.root == "11" and e.target and e.target.country == "UGA"]


def test_a_threat_targets_the_one_its_condition_names_never_the_threateners_own_army(coder):
    gates = coder.code_text("The Turkish president threatened to open the border to Syrian refugees if European governments criticised the offensive.", date="2025-03-04")
    assert ("13", "TUR", "EUR") in _keys(gates)
    jets = coder.code_text("The Turkish president warned that the army would strike if Greek jets entered its airspace.", date="2025-03-04")
    assert ("13", "TUR", "GRC") in _keys(jets)
    assert not [e for e in _factual(jets) if e.root == "13" and e.target and e.target.country == "TUR"]


def test_a_reproach_or_a_state_of_being_is_no_demand(coder):
    demand = coder.code_text("The Estonian prime minister said Russian troops must leave the border zone.", date="2025-03-04")
    assert ("10", "EST", "RUS") in _keys(demand)
    reproach = coder.code_text("The Estonian prime minister said Russian troops should have left the border zone sooner.", date="2025-03-04")
    assert not [e for e in _factual(reproach) if e.root == "10"]
    being = coder.code_text("The Estonian prime minister said the Russian envoys must be members of the commission.", date="2025-03-04")
    assert not [e for e in _factual(being) if e.root == "10"]


def test_what_a_denial_or_the_speakers_own_appeal_holds_is_no_announcement(coder):
    denied = coder.code_text("The Azerbaijani president denied that his army would attack Armenia.", date="2025-03-04")
    assert not [e for e in _factual(denied) if e.root in ("03", "13")]
    appeal = coder.code_text('"We appeal to Malaysia to allow the refugees to land," the Indonesian foreign minister said.', date="2025-03-04")
    assert [e for e in _factual(appeal) if e.root == "02" and e.source.country == "IDN"]
    assert not [e for e in _factual(appeal) if e.root == "03"]


def test_one_statements_judgements_of_one_actor_are_one_act_but_two_verbs_are_two(coder):
    told = coder.code_text("The Polish president said Belarusian troops had shelled the border post and had burned a village.", date="2025-03-04")
    assert len([e for e in _factual(told) if e.root == "11" and e.target.country == "BLR"]) == 1
    two = coder.code_text("The Polish president condemned Belarus and accused Belarus of using migrants as a weapon.", date="2025-03-04")
    assert sorted(e.cameo for e in _factual(two) if e.root == "11") == ["111", "112"]


def test_a_speakers_act_told_beside_a_negated_plan_is_done(coder):
    doc = coder.code_text(
        "The Taliban spokesman said the movement would not allow attacks from Afghan soil and called on Pakistan to reopen the border.", date="2025-03-04")
    assert [e for e in _factual(doc) if e.root == "02" and e.target and e.target.country == "PAK"]


def test_a_praise_beside_a_quoted_claim_is_the_speakers(coder):
    doc = coder.code_text('The Syrian president said the West had "lost the battle" and praised Russia and Iran for their support.', date="2025-03-04")
    praise = [e for e in _factual(doc) if e.root == "05"]
    assert praise and all(e.source.country == "SYR" for e in praise)
    assert {e.target.country for e in praise} == {"RUS", "IRN"}


def test_a_statement_may_judge_and_threaten_but_judges_once_of_a_kind(coder):
    doc = coder.code_text('"The Armenian government is a disgrace, and its crimes will not go unanswered," the Azerbaijani president said.', date="2025-03-04")
    assert ("11", "AZE", "ARM") in _keys(doc) and ("13", "AZE", "ARM") in _keys(doc)
    once = coder.code_text('The Azerbaijani president said the Armenian government was a disgrace and a failure.', date="2025-03-04")
    assert len([e for e in _factual(once) if e.root == "11"]) == 1


def _condemnations(doc):
    return [e for e in _factual(doc) if e.root == "11"]


def test_what_the_speaker_calls_an_act_names_the_condemned(coder):
    # "condemned what she called X's …": the target is the actor of the named thing
    shelling = coder.code_text("The Austrian foreign minister condemned what she called Russia's reckless shelling of Kharkiv.", date="2025-03-04")
    assert ("11", "AUT", "RUS") in _keys(shelling)
    meddling = coder.code_text("Beijing denounced what it called Washington's meddling in its internal affairs.", date="2025-03-04")
    assert ("11", "CHN", "USA") in _keys(meddling)
    # "described as an incursion by Somali militants": the doer the parser may hang on the naming verb
    incursion = coder.code_text("The Kenyan government condemned what it described as an incursion by Somali militants.", date="2025-03-04")
    assert ("11", "KEN", "SOM") in _keys(incursion)


def test_what_names_no_one_else_gives_no_target(coder):
    # the speaker's own side, or no actor at all, inside the named thing: no target read off it
    own = coder.code_text("Beijing denounced what it called interference in China's internal affairs.", date="2025-03-04")
    assert [e.target.country if e.target else None for e in _condemnations(own)] == [None]
    nobody = coder.code_text("The Austrian chancellor condemned what he called a shameful campaign of lies.", date="2025-03-04")
    assert [e.target.country if e.target else None for e in _condemnations(nobody)] == [None]
    # "what happened": no naming verb, so no named thing
    happened = coder.code_text("The Austrian chancellor condemned what happened to Russia's opposition leader.", date="2025-03-04")
    assert all(e.rule.find("target: named") < 0 for e in _condemnations(happened))


def test_a_pretending_group_that_takes_in_the_speakers_own_state_is_no_target(coder):
    # "isolate Argentina and Bolivia … These governments pretend": the speaker's own state is no
    # pretender, so the group is read wrongly; no one is coded rather than Bolivia
    mixed = coder.code_text(
        'The Argentine president said wealthy nations were trying to isolate Argentina and Bolivia. '
        '"These governments pretend to defend free markets, but they protect their farmers," he said.', date="2025-03-04")
    assert not [e for e in _factual(mixed) if e.rule.startswith("pretence")]
    # the group of others the speaker just criticised stays the pretenders
    others = coder.code_text(
        'The Argentine president criticised Brazil and Mexico over tariffs. '
        '"These governments pretend to defend free markets, but they protect their farmers," he said.', date="2025-03-04")
    judged = {e.target.country for e in _factual(others) if e.rule.startswith("pretence")}
    assert judged == {"BRA", "MEX"}
