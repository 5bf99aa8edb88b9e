use super::*;

fn opts() -> AnalyzeOptions {
    AnalyzeOptions::new(NaiveDate::from_ymd_opt(2026, 10, 5).unwrap())
}

fn a(s: &str) -> Analysis {
    analyze(s, &opts())
}

fn target(s: &str) -> Option<f64> {
    a(s).target.map(|q| q.value)
}

#[test]
fn quantities_expand_scale_currency_and_unit() {
    let x = a("Grow MRR from $80k to $2.5M");
    let q: Vec<(f64, Option<&str>)> = x
        .quantities
        .iter()
        .map(|q| (q.value, q.currency.as_deref()))
        .collect();
    assert_eq!(q, [(80_000.0, Some("USD")), (2_500_000.0, Some("USD"))]);
    assert_eq!(x.quantities[1].kind, QuantityKind::Money);
    assert_eq!(
        &"Grow MRR from $80k to $2.5M"[x.quantities[0].span.0..x.quantities[0].span.1],
        "$80k"
    );

    let q = &a("Acquire 1,000 new customers").quantities[0];
    assert_eq!(
        (q.value, q.unit.as_deref()),
        (1000.0, Some("new customers"))
    );
    let q = &a("Raise NPS 2.5 points").quantities[0];
    assert_eq!((q.value, q.kind), (2.5, QuantityKind::Points));
    let q = &a("Sell €300 of add-ons").quantities[0];
    assert_eq!((q.value, q.currency.as_deref()), (300.0, Some("EUR")));
    let q = &a("Hit 80 percent adoption").quantities[0];
    assert_eq!((q.value, q.kind), (80.0, QuantityKind::Percent));
    let q = &a("Reach 80% adoption").quantities[0];
    assert_eq!(
        (q.value, q.kind, q.unit.as_deref()),
        (80.0, QuantityKind::Percent, Some("percent"))
    );
    let q = &a("Grow signups 3x").quantities[0];
    assert_eq!((q.value, q.kind), (3.0, QuantityKind::Multiple));
    let q = &a("Cut latency to 300ms").quantities[0];
    assert_eq!((q.value, q.unit.as_deref()), (300.0, Some("ms")));
    let q = &a("Book $5 million in contracts").quantities[0];
    assert_eq!(q.value, 5_000_000.0);
    let q = &a("Reach 25k stars on GitHub").quantities[0];
    assert_eq!((q.value, q.unit.as_deref()), (25_000.0, Some("stars")));
    assert_eq!(target("Double weekly signups"), Some(2.0));
    assert_eq!(target("Halve the review backlog"), Some(0.5));
    assert_eq!(target("Get open P1 bugs to zero"), Some(0.0));
    assert_eq!(target("Reach a 4.5/5 rating"), Some(4.5));
}

#[test]
fn years_and_dates_are_not_quantities() {
    assert!(
        a("Decrease returns compared with 2025 by year end")
            .quantities
            .is_empty()
    );
    assert!(a("Ship it by December 31, 2027").quantities.is_empty());
    assert!(a("Ship it within 6 weeks").quantities.is_empty());
    assert_eq!(target("Acquire 2000 customers"), Some(2000.0));
}

#[test]
fn baseline_and_target_in_different_units_are_not_compared() {
    // 5 < 30, but minutes and seconds: the verb says which way
    let x = a("Cut first response time from 5 minutes to 30 seconds");
    assert_eq!(x.baseline.as_ref().map(|q| q.value), Some(5.0));
    assert_eq!(x.target.as_ref().map(|q| q.value), Some(30.0));
    assert_eq!(x.direction, Some(ChangeDirection::Decrease));
    let x = a("Move churn from 40% to €2M");
    assert_ne!(x.direction, Some(ChangeDirection::Increase));
    // one unit, written once: compared
    let x = a("Take revenue from €2.0M to 1.5M");
    assert_eq!(x.direction, Some(ChangeDirection::Decrease));
    let x = a("Take the count from 1 customer to 500 customers");
    assert_eq!(x.direction, Some(ChangeDirection::Increase));
}

#[test]
fn baseline_target_and_comparators() {
    let x = a("Cut first response from 60 to 45 minutes");
    assert_eq!(x.baseline.as_ref().map(|q| q.value), Some(60.0));
    assert_eq!(x.target.as_ref().map(|q| q.value), Some(45.0));
    assert_eq!(x.direction, Some(ChangeDirection::Decrease));
    let x = a("Bring churn to under 10%");
    assert_eq!(
        x.target.as_ref().map(|q| (q.value, q.comparator)),
        Some((10.0, Some(Comparator::Below)))
    );
    let x = a("Keep uptime at or above 99.9%");
    assert_eq!(
        x.target.as_ref().and_then(|q| q.comparator),
        Some(Comparator::AtLeast)
    );
    assert_eq!(x.direction, Some(ChangeDirection::Maintain));
    let x = a("Maintain uptime at 99.9% or higher");
    assert_eq!(
        x.target.as_ref().and_then(|q| q.comparator),
        Some(Comparator::AtLeast)
    );
    let x = a("Serve at least 300 schools");
    assert_eq!(
        x.target.as_ref().and_then(|q| q.comparator),
        Some(Comparator::AtLeast)
    );
    let x = a("Increase sales by 30%");
    assert!(x.relative_change);
    assert!(x.baseline.is_none());
    assert_eq!(x.direction, Some(ChangeDirection::Increase));
    let x = a("Improve accuracy from 90% to 98%");
    assert_eq!(x.direction, Some(ChangeDirection::Increase));
    assert!(!x.relative_change);
    let x = a("Revenue up 20% from $1M");
    assert_eq!(x.baseline.as_ref().map(|q| q.value), Some(1_000_000.0));
    assert_eq!(a("Reach 50k users").direction, Some(ChangeDirection::Reach));
}

#[test]
fn deadlines() {
    let d = |s: &str| a(s).deadline.map(|d| d.date.to_string());
    assert_eq!(d("Ship by May 15th").as_deref(), Some("2027-05-15"));
    assert_eq!(d("Ship by the end of H1").as_deref(), Some("2027-06-30"));
    assert_eq!(d("Ship this year").as_deref(), Some("2026-12-31"));
    assert_eq!(d("Ship in 2027").as_deref(), Some("2027-12-31"));
    assert_eq!(d("Ship by 2027-03-31").as_deref(), Some("2027-03-31"));
    assert_eq!(
        d("Respond within 24 hours by the end of Q4").as_deref(),
        Some("2026-12-31")
    );
    assert_eq!(
        target("Respond within 24 hours by the end of Q4"),
        Some(24.0)
    );
    assert_eq!(d("Keep releases above 10 per month"), None);
    let x = a("Ship the thing by the end of this sprint");
    assert!(x.time_bound && x.deadline.is_none());
    let dl = a("Win 5 deals by end of Q1").deadline.unwrap();
    assert_eq!(
        &"Win 5 deals by end of Q1"[dl.span.0..dl.span.1],
        "by end of Q1"
    );
    let fy = AnalyzeOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
        fiscal_year_start_month: 7,
    };
    let x = analyze("Close 40 deals this fiscal year", &fy);
    assert_eq!(x.deadline.unwrap().date.to_string(), "2027-06-30");
}

#[test]
fn vague_words_and_time() {
    let x = a("Improve quality a lot");
    assert!(!x.specific);
    assert!(x.vague.iter().any(|p| p.text == "a lot"));
    let x = a("Fix the onboarding emails ASAP");
    assert_eq!(x.vague_time.len(), 1);
    assert!(!x.time_bound);
    assert!(!a("Work on the hiring pipeline").specific);
    assert!(!a("Increase revenue").specific);
    assert!(a("Increase revenue to $2M").specific);
    assert!(a("Build a new reporting dashboard").specific);
    assert!(!a("Do stuff eventually").specific);
    assert_eq!(a("Do stuff eventually").vague_time[0].text, "eventually");
}

#[test]
fn activity_vs_outcome() {
    for s in [
        "Launch the partner portal",
        "Write 8 case studies",
        "Roll out the new expense policy",
        "Host 5 webinars",
        "Migrate billing to Stripe",
        "Organize a monthly all-hands",
    ] {
        let x = a(s);
        assert!(!x.outcome, "{s}");
        assert!(x.activity_verb.is_some(), "{s}");
    }
    for s in [
        "Increase activation to 40%",
        "Reach 50k monthly active users",
        "95% of employees complete security training",
        "Cut churn below 3%",
    ] {
        assert!(a(s).outcome, "{s}");
    }
    assert_eq!(
        a("Build a new reporting dashboard").object.unwrap().text,
        "reporting dashboard"
    );
}

#[test]
fn compound_goals() {
    assert!(
        a("Launch the app and reach 10k users by Q2")
            .compound
            .is_some()
    );
    assert!(
        a("Increase revenue by 10% and reduce churn to 2%")
            .compound
            .is_some()
    );
    assert!(
        a("Grow sales and marketing qualified leads to 500")
            .compound
            .is_none()
    );
    assert!(a("Build and launch the mobile app").compound.is_none());
    assert!(
        a("Raise NPS among sales and support teams to 40")
            .compound
            .is_none()
    );
}

#[test]
fn numbers_in_exponent_form_are_read_whole() {
    // `1e308` used to be read as 1
    assert_eq!(target("Grow revenue to 1e308 by Q4"), Some(1e308));
    assert_eq!(target("Cut the error rate to 1e-7 by Q4"), Some(1e-7));
    assert_eq!(target("Reach 2.5e3 customers by Q4"), Some(2500.0));
    assert_eq!(target("Grow revenue to $1e6 by Q4"), Some(1e6));
    // beyond f64: no number, rather than infinity or a wrong one
    assert_eq!(target("Grow revenue to 1e309 by Q4"), None);
    assert_eq!(target("Grow revenue to 1e308 million by Q4"), None);
    assert_eq!(target("Grow revenue to 1e308k by Q4"), None);
}

#[test]
fn fiscal_years_are_read_whatever_their_number() {
    // `Q4 FY9999` used to be the next Q4: the year was out of 1900..2200 and ignored
    let d = |s: &str, fs: u32| {
        let mut o = opts();
        o.fiscal_year_start_month = fs;
        analyze(s, &o).deadline.map(|d| d.date.to_string())
    };
    assert_eq!(
        d("Reach 5 customers by Q4 FY9999", 1).as_deref(),
        Some("9999-12-31")
    );
    assert_eq!(
        d("Reach 5 customers by Q4 FY 9999", 1).as_deref(),
        Some("9999-12-31")
    );
    assert_eq!(
        d("Reach 5 customers by FY9999", 1).as_deref(),
        Some("9999-12-31")
    );
    // a fiscal year starting in April is named by the year it ends in
    assert_eq!(
        d("Reach 5 customers by Q4 FY9999", 4).as_deref(),
        Some("9999-03-31")
    );
    assert_eq!(
        d("Reach 5 customers by Q1 FY9999", 4).as_deref(),
        Some("9998-06-30")
    );
    assert_eq!(
        d("Reach 5 customers by Q4 FY1850", 1).as_deref(),
        Some("1850-12-31")
    );
    assert_eq!(
        d("Reach 5 customers by Q4 FY0000", 4).as_deref(),
        Some("0000-03-31")
    );
    // a bare number is a year only from 1900 to 2199, as before
    assert_eq!(target("Reach 9999 customers by Q4 FY2027"), Some(9999.0));
}

#[test]
fn deadlines_past_year_9999_do_not_panic() {
    let o = AnalyzeOptions::new(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap());
    let d = |s: &str| analyze(s, &o).deadline.map(|d| d.date.to_string());
    assert_eq!(
        d("Reach 5 customers by next year").as_deref(),
        Some("+10000-12-31")
    );
    assert_eq!(
        d("Reach 5 customers by Q4 FY9999").as_deref(),
        Some("9999-12-31")
    );
    for s in [
        "Reach 5 customers within 99999999999 days",
        "Reach 5 customers within 1e300 weeks",
        "Reach 5 customers in 300000 years",
    ] {
        assert_eq!(d(s), None, "{s}");
    }
}

#[test]
fn never_panics_on_odd_input() {
    for s in [
        "",
        " ",
        "$",
        "€€€ 1,,,000..5 %%% x",
        "by",
        "from to by",
        "Q9 2027 H3",
        "by February 30",
        "9999999999999999999999999999999999999999999 customers",
        "in 99999999 years",
        "2027-13-45",
        "mid-",
        "by the end of",
        "\u{0}\u{feff}😀 1️⃣ ٣ ३",
        "1e308 1e309",
        "zero %",
        "twenty - five percent",
        "a hundred and",
        "half a",
        "1H 2H 1Q 9Q27 2h",
        "before before Q2 ends ends",
        "KR1:",
        "1)",
        "- - -",
    ] {
        let x = a(s);
        for q in &x.quantities {
            assert!(s.is_char_boundary(q.span.0) && s.is_char_boundary(q.span.1));
            assert_eq!(&s[q.span.0..q.span.1], q.text, "{s}");
        }
    }
}

#[test]
fn spelled_out_numbers() {
    assert_eq!(target("Onboard two hundred new suppliers"), Some(200.0));
    assert_eq!(
        target("Grow contributors by twenty-five percent"),
        Some(25.0)
    );
    assert_eq!(target("Hire a dozen sales reps"), Some(12.0));
    assert_eq!(target("Shorten release cycles to twelve days"), Some(12.0));
    assert_eq!(
        target("Cut write-offs by half a million dollars"),
        Some(500_000.0)
    );
    assert_eq!(target("Sign a hundred and fifty clinics"), Some(150.0));
    assert_eq!(target("Reach sixty enterprise customers"), Some(60.0));
    assert!(!a("Be the number one payments provider").measurable);
    assert!(!a("Finish the SOC 2 Type 1 audit").measurable);
    assert!(!a("Publish the 2027 product roadmap").measurable);
}

#[test]
fn target_choice_skips_qualifiers_and_denominators() {
    assert_eq!(
        target("Increase customers using two or more products by 30%"),
        Some(30.0)
    );
    assert_eq!(
        target("Reduce invoices older than 90 days by 50%"),
        Some(50.0)
    );
    assert_eq!(target("Cut Scope 1 emissions by 50%"), Some(50.0));
    let x = a("Decrease tickets per 1,000 orders to 12");
    assert_eq!(x.target.map(|q| q.value), Some(12.0));
    assert!(x.baseline.is_none());
}

#[test]
fn more_deadline_forms() {
    let d = |s: &str| a(s).deadline.map(|d| d.date.to_string());
    for (s, want) in [
        ("Ship by year-end 2027", "2027-12-31"),
        ("Ship by EOY 2027", "2027-12-31"),
        ("Ship by the end of calendar year 2027", "2027-12-31"),
        ("Ship by year's end", "2026-12-31"),
        ("Keep it up for the rest of the year", "2026-12-31"),
        ("Ship during the first half of next year", "2027-06-30"),
        ("Ship in Q2 next year", "2027-06-30"),
        ("Ship before Q2", "2027-03-31"),
        ("Ship before 2027", "2026-12-31"),
        ("Ship before Q1 ends", "2027-03-31"),
        ("Ship before the end of Q2", "2027-06-30"),
        ("Ship before November 20th", "2026-11-20"),
        ("Ship by early 2027", "2027-03-31"),
        ("Ship by end-2027", "2027-12-31"),
        ("Ship by 1H27", "2027-06-30"),
        ("Ship by Mar. 31", "2027-03-31"),
        ("Ship within the next year", "2027-10-05"),
        ("Grow 10% throughout 2027", "2027-12-31"),
        ("Grow 5% in fiscal 2027", "2027-12-31"),
    ] {
        assert_eq!(d(s).as_deref(), Some(want), "{s}");
    }
    // Period names used as modifiers, hours, and per-item service levels.
    assert_eq!(d("Write the Q3 board report"), None);
    assert_eq!(
        d("Hit our Q4 revenue target of $2M").as_deref(),
        Some("2026-12-31")
    );
    assert_eq!(d("Cut resolution time to 2h"), None);
    assert_eq!(d("Resolve 95% of tickets within 2 days"), None);
    assert!(d("Fix the login bug within 2 days").is_some());
}

#[test]
fn vague_idioms_and_effort_verbs() {
    for s in [
        "Crush it this quarter",
        "Take the business to the next level",
        "Get the finances in order",
        "Help the sales team where needed",
        "Do more social media posting",
        "Keep doing what we're doing",
        "Increase engagement across the platform",
        "Be a team player",
        "Work smarter, not harder",
    ] {
        assert!(!a(s).specific, "{s}");
    }
    assert!(a("Move the customer success team to the new CRM").specific);
    assert!(a("Make our support team the best-rated in the industry").specific);
    assert!(!a("Be best-in-class").specific);
}

#[test]
fn outcome_grammar() {
    for s in [
        "Make 200 discovery calls within 6 weeks",
        "Have regular meetings with stakeholders",
        "Mentor 6 junior analysts this year",
        "Give 4 internal tech talks",
        "Negotiate the new logistics contract",
        "Train managers at 3 sites",
    ] {
        assert!(!a(s).outcome, "{s}");
    }
    for s in [
        "Review scores at or above 4.5 by year end",
        "Release frequency doubled by H1",
        "Design partner count grows to 10 by March",
        "Enroll 2,000 patients in the program",
        "KR1: Reach 40 design partners",
    ] {
        assert!(a(s).outcome, "{s}");
    }
    // A compound whose second goal is an outcome: outcome, but the activity
    // verb is still reported.
    let x = a("Launch the self-serve plan and convert 40 trials to paid");
    assert!(x.outcome && x.activity_verb.is_some() && x.compound.is_some());
    assert_eq!(target("1) Reach 500 customers by Q2"), Some(500.0));
}
