//! Held-out pairs written for this test only (illustrative, fictional wording; other domains than the
//! development set): privacy, procurement, workplace, environment, schools, housing, policing. Accuracy
//! is printed; the floor is lower than for the development pairs because nothing here was tuned on, but
//! a strengthened/weakened swap is never acceptable.

mod common;

use policydiff::classify::Classifier;
use policydiff::model::Direction::{self, *};

struct Case {
    old: &'static str,
    new: &'static str,
    want: Direction,
}

fn case(old: &'static str, new: &'static str, want: Direction) -> Case {
    Case { old, new, want }
}

fn cases() -> Vec<Case> {
    vec![
        // privacy
        case("The controller should delete location data after ninety days.", "The controller must delete location data after ninety days.", Strengthened),
        case("The processor shall encrypt all backups.", "The processor shall, where feasible, encrypt all backups.", Weakened),
        case("Staff may disclose a tenant's file to a landlord.", "Staff may disclose a tenant's file to a landlord only with the tenant's written consent.", Strengthened),
        case("The clinic shall not sell patient contact lists.", "The clinic shall not sell patient contact lists, except to an affiliated provider.", Weakened),
        case("The agency shall report a data breach to the board within 30 days.", "The agency shall report a data breach to the board within 10 days.", Strengthened),
        case("The agency shall report a data breach to the board within five (5) days.", "The agency shall report a data breach to the board within 5 days.", Unchanged),
        case("Employees must not copy customer records to personal devices.", "Employees are prohibited from copying customer records to personal devices.", Unchanged),
        // procurement
        case("The buyer shall obtain three written quotes for purchases over $10,000.", "The buyer may obtain three written quotes for purchases over $10,000.", Weakened),
        case("A vendor shall not give any gift to a city employee.", "A vendor shall not give any gift worth more than $50 to a city employee.", Weakened),
        case("", "No contract shall be split to avoid the bidding threshold.", Strengthened),
        case("The purchasing agent may waive the bond requirement for small contracts.", "", Strengthened),
        case("Bids shall be opened in public at the stated time.", "Bids shall be opened in public at the stated time unless the director decides otherwise.", Weakened),
        // workplace
        case("An employer shall provide a rest break of at least 10 minutes for every four hours worked.", "An employer shall provide a rest break of at least 15 minutes for every four hours worked.", Strengthened),
        case("The employer shall post the schedule 14 days in advance.", "The employer shall post the schedule 7 days in advance.", Unchanged),
        case("Supervisors shall not retaliate against any worker who reports a safety hazard.", "Supervisors shall not knowingly retaliate against any worker who reports a safety hazard.", Weakened),
        case("Managers shall review overtime requests weekly.", "Managers shall review overtime requests monthly.", Weakened),
        case("The employer shall not require an employee to work more than 10 hours in one day.", "The employer shall not require an employee to work more than 12 hours in one day.", Weakened),
        case("Workers need not attend training outside paid hours.", "Workers shall attend training outside paid hours.", Weakened),
        // environment
        case("Operators shall monitor discharge points daily.", "Operators shall monitor discharge points weekly.", Weakened),
        case("A permit holder shall notify the department of any spill immediately.", "A permit holder shall notify the department of any spill.", Weakened),
        case("Burning of yard waste is prohibited.", "Burning of yard waste is prohibited except on designated days.", Weakened),
        case("The facility may store hazardous waste on site for up to 180 days.", "The facility may store hazardous waste on site for up to 90 days.", Strengthened),
        case("The operator shall generally cover all trucks carrying loose material.", "The operator shall cover all trucks carrying loose material.", Strengthened),
        // schools
        case("A teacher may search a student's backpack if the teacher has reasonable suspicion.", "A teacher may search a student's backpack if the teacher has probable cause.", Strengthened),
        case("The principal shall notify parents in writing before a suspension.", "The principal shall notify parents orally before a suspension.", Weakened),
        case("Students may be removed from class by any staff member.", "Students may be removed from class only by the principal.", Strengthened),
        case("The district shall provide transportation to every student who lives more than two miles from school.", "The district shall provide transportation to every student who lives more than two miles from school, or who has a disability.", Strengthened),
        case("A school shall not use seclusion as a punishment.", "A school should not use seclusion as a punishment.", Weakened),
        // housing
        case("A landlord shall return the deposit within 21 days.", "A landlord shall return the deposit within 21 business days.", Weakened),
        case("The owner shall make repairs promptly.", "The owner shall make repairs within 48 hours.", Strengthened),
        case("A landlord shall not enter a unit without 24 hours' notice, unless there is an emergency or the tenant consents.", "A landlord shall not enter a unit without 24 hours' notice, unless there is an emergency and the tenant consents.", Strengthened),
        // policing, other wording
        case("Deputies shall activate dashboard cameras during every pursuit.", "Deputies shall activate dashboard cameras during every pursuit, to the extent possible.", Weakened),
        case("Officers may use a chokehold when deadly force is authorized.", "Officers shall not use a chokehold.", Strengthened),
        case("Officers shall not search a vehicle based solely on the odor of cannabis.", "Officers shall not search a vehicle based on the odor of cannabis.", Strengthened),
        case("Drivers need not answer questions about their travel plans.", "Drivers shall answer questions about their travel plans.", Weakened),
        case("Jail staff shall notify immigration authorities before releasing a person.", "Jail staff shall not notify immigration authorities before releasing a person.", Strengthened),
        case("", "Deputies shall hold a person for federal immigration agents for up to 48 hours.", Weakened),
        case("The Department shall honor every immigration detainer.", "", Strengthened),
        case("Members shall not stop a person because of the person's perceived immigration status.", "Members shall not stop a person solely because of the person's perceived immigration status.", Weakened),
        case("Members shall complete a written report after each use of force.", "Members shall complete a report after each use of force.", Weakened),
        case("Officers shall not fail to record each stop.", "Officers shall record each stop.", Unchanged),
        case("The policy applies to sworn staff and civilian staff.", "The policy applies not only to sworn staff but also to civilian staff.", Unchanged),
    ]
}

/// A second batch, written after the rules were in place and run before any change to them.
fn batch_b() -> Vec<Case> {
    vec![
        case("The registrar shall correct an inaccurate record within 30 days of a request.", "The registrar shall correct an inaccurate record within 30 days of a request, if the registrar agrees that it is inaccurate.", Weakened),
        case("Contractors may use subcontractors.", "Contractors may use subcontractors only with the city's written consent.", Strengthened),
        case("The board must hold a public hearing before raising fees.", "The board need not hold a public hearing before raising fees.", Weakened),
        // First labelled "unchanged" (a threshold); by the design's definition the ban on late fees now
        // reaches more payments, so the label was corrected to strengthened.
        case("Landlords shall not charge a fee for a late payment of less than five days.", "Landlords shall not charge a fee for a late payment of less than ten days.", Strengthened),
        case("Staff shall wear gloves when handling specimens.", "Staff shall always wear gloves when handling specimens.", Strengthened),
        case("The county may collect fingerprints from every applicant.", "The county may collect fingerprints from applicants for cash-handling positions.", Strengthened),
        case("Guards shall not use pepper spray on a restrained inmate.", "Guards shall not use pepper spray on a restrained inmate except to prevent serious injury.", Weakened),
        case("Guards shall not use pepper spray on a restrained inmate except to prevent serious injury or property damage.", "Guards shall not use pepper spray on a restrained inmate except to prevent serious injury.", Strengthened),
        case("The department shall audit each vendor annually.", "The department shall audit each vendor every three years.", Weakened),
        case("Investigators should interview the complainant within ten days.", "Investigators shall interview the complainant within ten days.", Strengthened),
        case("The utility shall give customers 48 hours' notice before a shutoff.", "The utility shall give customers at least 72 hours' notice before a shutoff.", Strengthened),
        case("The school shall not disclose a student's disciplinary record to a third party.", "The school may disclose a student's disciplinary record to a third party.", Weakened),
        case("", "Inspectors may enter a site at any time without notice.", Weakened),
        case("Every agency shall publish its surveillance use policy.", "", Weakened),
        case("Officers may question a juvenile without a parent present.", "Officers may question a juvenile only with a parent present.", Strengthened),
        case("The employer shall reimburse travel costs.", "The employer shall reimburse reasonable travel costs.", Weakened),
        case("Vendors must certify compliance in writing.", "Vendors must certify compliance.", Weakened),
        case("The director may approve exceptions with the written approval of the city manager.", "The director may approve exceptions.", Weakened),
        case("Staff shall report a suspected data breach to the privacy officer immediately.", "Staff shall report a suspected data breach to the privacy officer within one hour.", Weakened),
        case("No employee shall use a personal email account for city business.", "Employees shall not use a personal email account for city business.", Unchanged),
        case("The clerk will issue a receipt for every payment.", "The clerk shall issue a receipt for every payment.", Unchanged),
        case("The operator shall sample groundwater at each well.", "The operator shall sample groundwater at each well, where accessible.", Weakened),
        case("Applicants who are denied may appeal within 15 days.", "Applicants who are denied may appeal within 30 days.", Strengthened),
        case("The city shall not install facial recognition cameras in parks.", "The city shall not install facial recognition cameras in parks or libraries.", Strengthened),
    ]
}

fn run(all: &[Case], label: &str) -> (usize, Vec<&'static str>) {
    let c = Classifier::default();
    let mut right = 0;
    let mut swaps = Vec::new();
    for k in all {
        let v = common::classify_texts(&c, k.old, k.new);
        if v.direction == k.want {
            right += 1;
        } else {
            let why = common::reasons_line(&v);
            eprintln!(
                "MISS {label} {:?} -> {:?}: want {}, got {}: {}",
                k.old,
                k.new,
                k.want.as_str(),
                v.direction.as_str(),
                why
            );
            if v.direction != Unchanged && k.want != Unchanged {
                swaps.push(k.new);
            }
        }
    }
    eprintln!(
        "{label}: {right}/{} = {:.1}%",
        all.len(),
        100.0 * right as f64 / all.len() as f64
    );
    (right, swaps)
}

#[test]
fn held_out_batch_b() {
    let all = batch_b();
    let (right, swaps) = run(&all, "held-out batch B");
    assert!(swaps.is_empty(), "swapped: {swaps:?}");
    assert!(right as f64 / all.len() as f64 >= 0.8);
}

#[test]
fn held_out_pairs() {
    let c = Classifier::default();
    let all = cases();
    let mut right = 0;
    let mut swaps = Vec::new();
    for k in &all {
        let v = common::classify_texts(&c, k.old, k.new);
        if v.direction == k.want {
            right += 1;
        } else {
            let why = common::reasons_line(&v);
            eprintln!(
                "MISS {:?} -> {:?}: want {}, got {}: {}",
                k.old,
                k.new,
                k.want.as_str(),
                v.direction.as_str(),
                why
            );
            if v.direction != Unchanged && k.want != Unchanged {
                swaps.push(k.new);
            }
        }
    }
    let acc = right as f64 / all.len() as f64;
    eprintln!(
        "held-out pairs: {right}/{} = {:.1}%",
        all.len(),
        acc * 100.0
    );
    assert!(swaps.is_empty(), "swapped: {swaps:?}");
    assert!(acc >= 0.85, "held-out accuracy {acc:.3}");
}
