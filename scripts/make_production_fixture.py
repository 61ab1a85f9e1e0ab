#!/usr/bin/env python3
"""Writes Tests/Fixtures/production/export.jsonl and manifest.json: a deterministic sample production export
(240 conversations) with planted loops, contradictions, near-duplicates and personal data, and the truth about
what was planted, so tests can count what the quality checks catch and miss and prove no personal value leaks.

Customers describe their problem in their own words: each first message is put together from a greeting and one
of several problem, detail and request sentences of its topic, with its own amounts, dates and devices, drawn from a
second random stream (`words`), so the agent turns, names, planted values and planted loops and contradictions
come out the same whatever the wording. Two conversations of one topic share the agent's macros and some of the
customer's words, as in production, but not the whole text; a planted near-duplicate is the same conversation sent
again.

Run from the repository root: python3 scripts/make_production_fixture.py  (same output every time).
A second export for checking that nothing is tuned to this one: --seed 12 --out /tmp/holdout."""
import argparse
import json
import os
import random

arguments = argparse.ArgumentParser(description="Write the sample production export and its manifest.")
arguments.add_argument("--seed", type=int, default=11, help="random seed (11 writes the shipped fixture)")
arguments.add_argument("--out", default="Tests/Fixtures/production", help="output directory")
options = arguments.parse_args()
rng = random.Random(options.seed)
words = random.Random(options.seed * 1000 + 7)
N = 240

FIRST = ["Dana", "Priya", "Tomasz", "Aiko", "Mateo", "Greta", "Olu", "Ines", "Farid", "Lena", "Kwame", "Sofia", "Rohan", "Elif", "Jonas"]
LAST = ["Kowalski", "Ramanathan", "Lindqvist", "Okonkwo", "Marchetti", "Haddad", "Fernsby", "Delacroix", "Nakamura", "Brennagh"]
STREETS = ["Baker Street", "Elm Road", "Oak Tree Lane", "Harbour View Drive", "Mill Court", "Linden Avenue"]
CHANNELS = ["email", "whatsapp", "web_form"]
PLANS = ["enterprise", "pro", "free"]

TOPICS = [
    ("billing", "billing", "I was charged twice for my subscription this month.", "the duplicate charge"),
    ("account_access", "none", "I cannot log in since I changed my phone and lost my authenticator.", "your sign-in problem"),
    ("technical_bug", "engineering", "The export to CSV button does nothing when I click it.", "the broken export"),
    ("how_to", "none", "How do I invite a colleague to my workspace?", "inviting a colleague"),
    ("feature_request", "none", "Could you add a dark mode to the mobile app?", "your dark mode request"),
    ("data_loss", "engineering", "All the files in my shared project disappeared overnight.", "the missing project files"),
    ("account_deletion", "customer_success", "Please close my account and delete my data.", "closing your account"),
]

ACTION = {
    "billing": "I can see two payments on the same day, so I have opened a refund request for the second one with our billing colleagues.",
    "account_access": "I have removed the old authenticator from your profile, so the next sign-in will ask you to set up a new device.",
    "technical_bug": "Our engineers reproduced the export failure on large tables and a fix is being tested on the staging servers.",
    "how_to": "Open Settings, choose Members, press Invite and type their work address; they get a link valid for seven days.",
    "feature_request": "I have added your vote to the dark mode request that the mobile team reviews every quarter.",
    "data_loss": "The project was moved to the archive by a sync job, and I have restored every file from last night's snapshot.",
    "account_deletion": "I have scheduled the closure, and all personal data is erased thirty days after the final invoice is paid.",
}
ACK = ["Thanks for getting in touch about {t}. I am checking the details on your account right now.",
       "Sorry to hear about {t}; let me look at what happened before I suggest anything.",
       "Hello, and thank you for the clear description of {t}. Give me a moment to review the history."]
CLOSE = ["Is there anything else I can help you with today? Just reply to this message whenever you like.",
         "Glad we could sort this out. Have a lovely rest of your week!",
         "I will keep this ticket open until you confirm everything works as expected on your side."]
FOLLOW = ["Thanks, that helps.", "Okay, what happens next?", "Great, thank you!", "Can you confirm it is done?"]

# Planted contradictions: (kind, earlier, later, caught_offline)
NEGATION = [("Your refund request has been approved.", "I checked again. Your refund request has not been approved."),
            ("The replacement device has shipped to you.", "Looking at it again, the replacement device has not shipped to you."),
            ("Your workspace is eligible for the education discount.", "Correction: your workspace is not eligible for the education discount."),
            ("The export fix is live for your account.", "Apologies. The export fix is not live for your account."),
            ("Your data has been deleted from our servers.", "To be precise, your data has not been deleted from our servers.")]
AMOUNT = [("The refund for the second charge is $20.00.", "I looked again. The refund for the second charge is $35.00."),
          ("Your next invoice will be €49 per month.", "Update on pricing: your next invoice will be €59 per month."),
          ("We credited 3 months of service to your account.", "Thanks for waiting. We credited 2 months of service to your account.")]
DATE = [("Your replacement ships on March 3.", "Small update: your replacement ships on March 9."),
        ("The fix is scheduled for release on Tuesday.", "Noted. The fix is scheduled for release on Friday."),
        ("Your trial ends on 2026-12-01.", "To confirm, your trial ends on 2026-12-15.")]
YESNO = [("Is my account eligible for the annual discount?", "Yes, your plan qualifies and I can apply it today.",
          "Just to confirm, is my account eligible for the annual discount?", "No, I am afraid that offer only covers new customers."),
         ("Can I keep my old invoices after downgrading?", "Yes, every invoice stays available under Billing history.",
          "So can I keep my old invoices after downgrading?", "No, they are removed when the plan changes.")]
PARAPHRASE = [("Your refund was approved this morning.", "Unfortunately the refund request was declined by our payments team."),
              ("The feature is available on your plan.", "That capability is reserved for a higher tier, sadly.")]
LOOP_PARAPHRASE = ["You can reset the password from the sign-in page by choosing Forgot password.",
                   "On the sign-in screen, pick Forgot password and a reset message will arrive."]


# How customers put each topic: a problem, a detail and a request, each one of several, with slots filled per
# conversation. Keyed by the topic's category; the subjects are short, as customers write them.
WORDING = {
    "billing": {
        "problem": ["I was charged twice for my subscription this month.", "There are two identical payments of {amount} on my card statement.",
                    "My invoice for {month} shows the {plan} plan twice.", "You took {amount} from my account although I cancelled the upgrade.",
                    "The renewal went through two times on {day}.", "I see a second charge from you that I never agreed to."],
        "detail": ["Both payments are dated {day}.", "My bank shows them as pending, one minute apart.", "I only have one workspace with you.",
                   "This happened after I updated my card details.", "The invoice number ends in {digits}.", "My accountant spotted it this morning."],
        "ask": ["Please refund the extra payment.", "Can you reverse the duplicate?", "I would like my money back for the second one.",
                "Could somebody from finance look at it?"],
        "subject": ["Charged twice", "Double payment {month}", "Duplicate charge on my card", "Refund request", "Billing error"],
    },
    "account_access": {
        "problem": ["I cannot log in since I changed my phone and lost my authenticator.", "The two-factor code never arrives on my new {device}.",
                    "My account is locked after too many sign-in attempts.", "The password reset link says it has expired every time.",
                    "Single sign-on sends me back to the login page in a loop.", "I get an error that my session is invalid as soon as I sign in."],
        "detail": ["I switched to a {device} last week.", "I tried {browser} and the app, same result.", "My colleagues can still get in.",
                   "It started on {day}.", "I no longer have the backup codes.", "Clearing cookies did not change anything."],
        "ask": ["How do I get back in?", "Can you reset my second factor?", "Please unlock the account.", "I need access today for a client meeting."],
        "subject": ["Can't log in", "Locked out", "2FA problem", "Login loop", "Password reset not working"],
    },
    "technical_bug": {
        "problem": ["The export to CSV button does nothing when I click it.", "Reports with more than {n} rows fail to download.",
                    "The dashboard shows a blank page after the last update.", "Saving a form throws an error 500 since {day}.",
                    "Charts render with the wrong dates in {browser}.", "The {filetype} import stops halfway without any message."],
        "detail": ["It worked fine last month.", "I attached a screenshot of the console.", "It happens on every project, not just one.",
                   "I use {browser} on a {device}.", "Two of my colleagues see the same thing.", "Reloading the page does not help."],
        "ask": ["Is this a known issue?", "Can your engineers take a look?", "When will it be fixed?", "Is there a workaround meanwhile?"],
        "subject": ["Export broken", "Bug: {filetype} import", "Error 500", "Blank dashboard", "Something is broken"],
    },
    "how_to": {
        "problem": ["How do I invite a colleague to my workspace?", "Where do I change the billing e-mail of the account?",
                    "Is there a way to set up recurring reports?", "How can I move a project to another workspace?",
                    "I would like to give my {role} read-only access.", "What is the best way to archive old projects?"],
        "detail": ["I am new to the {plan} plan.", "I looked in the help centre but found nothing.", "We are a team of {n} people.",
                   "I am doing this from a {device}.", "Our admin is on holiday this week.", "We just migrated from a spreadsheet."],
        "ask": ["A short step-by-step would be great.", "Could you point me to the right setting?", "Thanks in advance for any hints.",
                "Is there a guide I can follow?"],
        "subject": ["Question", "How to invite someone", "Quick question about settings", "Need help with setup", "Where is this option?"],
    },
    "feature_request": {
        "problem": ["Could you add a dark mode to the mobile app?", "It would help a lot to have an API for the reports.",
                    "Please let us schedule exports every week.", "We need a way to tag projects by client.",
                    "A keyboard shortcut for search would save me time.", "I would love calendar sync for the due dates."],
        "detail": ["Our whole team of {n} asked for it.", "Your competitor has had it since last year.", "I work late and the bright screen hurts.",
                   "We would use it every day.", "It would replace a manual step for our {role}.", "I voted on the forum already."],
        "ask": ["Is it on the roadmap?", "Any chance this comes soon?", "Please pass this on to the product team.", "Let me know if you need more details."],
        "subject": ["Feature request", "Suggestion", "Idea for the app", "Please add this", "Roadmap question"],
    },
    "data_loss": {
        "problem": ["All the files in my shared project disappeared overnight.", "A whole folder of {filetype} files is gone from my workspace.",
                    "My notes from the last {n} days have vanished.", "The project history is empty since {day}.",
                    "Everything my {role} uploaded this week is missing.", "After the sync this morning half my documents are gone."],
        "detail": ["Nobody on the team deleted anything.", "The trash is empty as well.", "We have a deadline on {day}.",
                   "It is the main project of our company.", "I checked on the {device} and on the web.", "The activity log shows nothing."],
        "ask": ["Please restore them as soon as possible.", "Can you recover the data?", "Is there a backup you can bring back?",
                "This is urgent for us."],
        "subject": ["Files missing!!", "Data gone", "Lost project", "URGENT: files disappeared", "Where are my documents?"],
    },
    "account_deletion": {
        "problem": ["Please close my account and delete my data.", "I want my personal data removed under GDPR.",
                    "We are moving to another tool, so please cancel and erase everything.", "Delete my profile and all projects, please.",
                    "I no longer need the {plan} plan; remove the account entirely.", "Please forget me: close the account and wipe the history."],
        "detail": ["I have exported what I need.", "The last invoice is paid.", "My {role} will take over nothing, so delete it all.",
                   "I asked once before on {day}.", "There are {n} projects in it.", "Confirm in writing when it is done."],
        "ask": ["How long does it take?", "Please confirm once it is done.", "Do I need to do anything else?", "Thank you for handling it."],
        "subject": ["Close my account", "GDPR deletion request", "Cancel and delete", "Remove my data", "Account closure"],
    },
}
GREETING = ["Hi, this is {first}.", "Hello, {first} here.", "Hi there,", "Good morning,", "Hello team,", "Hey,"]
SLOTS = {"amount": lambda: f"${words.randint(9, 240)}.{words.choice(['00', '99', '50'])}",
         "month": lambda: words.choice(["October", "November", "September", "August"]),
         "day": lambda: words.choice(["Monday", "Tuesday", "Thursday", "the 3rd", "the 14th", "the 21st"]),
         "plan": lambda: words.choice(["pro", "team", "business", "starter"]),
         "device": lambda: words.choice(["Pixel 8", "iPhone 15", "Galaxy S23", "iPad", "MacBook", "Windows laptop"]),
         "browser": lambda: words.choice(["Chrome", "Firefox", "Safari", "Edge"]),
         "n": lambda: str(words.randint(3, 5000)),
         "digits": lambda: str(words.randint(100, 999)),
         "filetype": lambda: words.choice(["PDF", "Excel", "image", "CSV"]),
         "role": lambda: words.choice(["accountant", "assistant", "intern", "manager", "contractor"])}


def fill(template):
    """A template with each {slot} drawn from the second random stream."""
    for slot, value in SLOTS.items():
        while "{" + slot + "}" in template:
            template = template.replace("{" + slot + "}", value(), 1)
    return template


def wording(category, first, statements_only=False):
    """The customer's first message (without personal values) and the subject, for a topic. With statements_only
    no sentence is a question (the planted yes/no question must be the only one the customer asks)."""
    def pick(key):
        choices = [t for t in WORDING[category][key] if not (statements_only and t.endswith("?"))]
        return [fill(words.choice(choices))] if choices else []
    parts = [words.choice(GREETING).format(first=first)] + pick("problem")
    if words.random() < 0.8:
        parts += pick("detail")
    if words.random() < 0.7:
        parts += pick("ask")
    return " ".join(parts), pick("subject")[0]


def luhn_complete(prefix):
    digits = [int(c) for c in prefix + "0"]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return prefix + str((10 - total % 10) % 10)


def iban(country, bban):
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def group4(text):
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


conversations, manifest = [], {"loops": [], "contradictions": [], "duplicates": [], "personal_values": []}


def personal(kind):
    if kind == "email":
        v = f"{rng.choice(FIRST).lower()}.{rng.choice(LAST).lower()}{rng.randint(1, 99)}@example.com"
    elif kind == "phone":
        v = rng.choice([f"+44 20 7946 {rng.randint(100, 999)}0", f"(555) 201-{rng.randint(1000, 9999)}", f"+49 30 {rng.randint(10000000, 99999999)}"])
    elif kind == "card":
        v = group4(luhn_complete("4" + "".join(str(rng.randint(0, 9)) for _ in range(14))))
    elif kind == "iban":
        v = group4(iban("DE", "".join(str(rng.randint(0, 9)) for _ in range(18)))) if rng.random() < 0.5 else \
            iban("GB", "NWBK" + "".join(str(rng.randint(0, 9)) for _ in range(14)))
    else:
        v = f"{rng.randint(2, 480)} {rng.choice(STREETS)}"
    manifest["personal_values"].append({"kind": kind, "value": v})
    return v


PII_SENTENCES = {"email": "You can reach me at {v}.", "phone": "My phone number is {v}.", "card": "The card that was charged is {v}.",
                 "iban": "Please refund to my account {v}.", "address": "My billing address is {v}, in case you need it."}

plan_kinds = (["loop_exact"] * 14 + ["loop_near"] * 14 + ["loop_paraphrase"] * 6 + ["negation"] * 10 + ["amount"] * 9 + ["date"] * 9 +
              ["yesno"] * 6 + ["contra_paraphrase"] * 6)
plan_kinds += ["clean"] * (N - len(plan_kinds) - 12)
rng.shuffle(plan_kinds)

for n, kind in enumerate(plan_kinds):
    cid = f"c-{1000 + n}"
    category, team, opening, topic = TOPICS[n % len(TOPICS)]
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    customer_text, subject = wording(category, name.split()[0], statements_only=kind == "yesno")
    pii = None
    if n % 3 == 0:
        pii = ["email", "phone", "card", "iban", "address"][(n // 3) % 5]
        customer_text += " " + PII_SENTENCES[pii].format(v=personal(pii))
    ack = rng.choice(ACK).format(t=topic)
    action = ACTION[category]
    close = rng.choice(CLOSE)
    messages = [("customer", customer_text), ("agent", ack), ("customer", rng.choice(FOLLOW)), ("agent", action)]
    if kind == "loop_exact":
        messages += [("customer", "That does not answer my question."), ("agent", action)]
        manifest["loops"].append({"id": cid, "kind": "exact", "earlier": 4, "later": 6, "expect_caught": True})
    elif kind == "loop_near":
        email = personal("email")
        said = f"I have sent the details to {email}, so please check that inbox and the spam folder."
        messages[3] = ("agent", said + " " + action)
        messages += [("customer", "I still have nothing."), ("agent", "As I said, " + said[0].lower() + said[1:] + " " + action)]
        manifest["loops"].append({"id": cid, "kind": "near", "earlier": 4, "later": 6, "expect_caught": True})
    elif kind == "loop_paraphrase":
        messages += [("customer", "Sorry, how was that again?"), ("agent", LOOP_PARAPHRASE[1])]
        messages[3] = ("agent", LOOP_PARAPHRASE[0])
        manifest["loops"].append({"id": cid, "kind": "paraphrase", "earlier": 4, "later": 6, "expect_caught": False})
    elif kind in ("negation", "amount", "date", "contra_paraphrase"):
        pool = {"negation": NEGATION, "amount": AMOUNT, "date": DATE, "contra_paraphrase": PARAPHRASE}[kind]
        first, second = pool[n % len(pool)]
        messages[3] = ("agent", first + " " + action)
        messages += [("customer", "Are you sure about that?"), ("agent", second + " " + close)]
        manifest["contradictions"].append({"id": cid, "kind": kind, "earlier": 4, "later": 6, "expect_caught": kind != "contra_paraphrase"})
    elif kind == "yesno":
        q1, a1, q2, a2 = YESNO[n % len(YESNO)]
        messages = [("customer", customer_text + " " + q1), ("agent", a1), ("customer", q2), ("agent", a2)]
        manifest["contradictions"].append({"id": cid, "kind": "yesno", "earlier": 2, "later": 4, "expect_caught": True})
    else:
        messages += [("customer", rng.choice(FOLLOW)), ("agent", close)]
    record = {"conversation_id": cid, "channel": CHANNELS[n % 3], "plan": PLANS[n % 3], "customer": name,
              "subject": subject, "created_at": f"2026-11-{1 + n % 28:02d}T{8 + n % 10:02d}:{n % 60:02d}:00Z",
              "messages": [{"role": r, "text": t} for r, t in messages],
              "predicted": {"category": category if n % 5 else "how_to", "escalate": team != "none", "team": team, "priority": "normal"}}
    if n % 5 == 0:
        record["feedback"] = {"type": "thumbs_down", "rating": 1, "comment": "It did not help."}
        record["correction"] = {"category": category, "escalate": team != "none", "team": team, "priority": "high",
                                "by": "owner", "urgency": "urgent" if n % 10 == 0 else "normal", "note": "wrong category"}
    elif n % 7 == 0:
        record["feedback"] = {"type": "star_rating", "rating": 5}
    manifest["personal_values"].append({"kind": "name", "value": name})
    conversations.append(record)

# Near-duplicates: the same customer problem again under a new id, with a different greeting.
# For `learn import` both sides are queue items: a source without a correction gets a thumbs down, and the copy
# a star rating of 2 (negative feedback, no labels), so each copy is a planted near-duplicate of an earlier item.
for k in range(12):
    source = conversations[k * 17]
    if "correction" not in source:
        source["feedback"] = {"type": "thumbs_down", "comment": "Still not solved."}
    copy = json.loads(json.dumps(source))
    copy["conversation_id"] = f"c-{1000 + len(conversations)}"
    copy["messages"][0]["text"] = "Hello again. " + copy["messages"][0]["text"]
    copy.pop("correction", None)
    copy["feedback"] = {"type": "star_rating", "rating": 2}
    manifest["duplicates"].append({"id": copy["conversation_id"], "of": source["conversation_id"]})
    for item in manifest["loops"] + manifest["contradictions"]:
        if item["id"] == source["conversation_id"]:
            (manifest["loops"] if item in manifest["loops"] else manifest["contradictions"]).append(dict(item, id=copy["conversation_id"]))
    conversations.append(copy)

manifest["conversations"] = len(conversations)
os.makedirs(options.out, exist_ok=True)
with open(os.path.join(options.out, "export.jsonl"), "w") as out:
    for record in conversations:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
with open(os.path.join(options.out, "manifest.json"), "w") as out:
    json.dump(manifest, out, indent=1, ensure_ascii=False)
    out.write("\n")
print(f"{len(conversations)} conversations, {len(manifest['loops'])} planted loops, {len(manifest['contradictions'])} planted contradictions, "
      f"{len(manifest['duplicates'])} near-duplicates, {len(manifest['personal_values'])} personal values")
