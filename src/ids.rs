//! Names that carry meaning, typed so one cannot be passed for another: a
//! funder's id (`awards-for-all-england`) and a question's id
//! (`group_name`, or a funder question's `q1`). Each is a string inside,
//! read and written as one, and derefs to `&str` so the code that only
//! compares or prints it stays as it was.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> $name {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> $name {
                $name(id.to_string())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> $name {
                $name(id)
            }
        }

        /// Read from the command line as it is typed: whether such an id
        /// exists is for the lookup to say, with its "did you mean".
        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(id: &str) -> Result<$name, Self::Err> {
                Ok($name(id.to_string()))
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self == &other.0
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }
    };
}

string_id!(
    /// A funder profile's id, as `alongside funders` lists it.
    FunderId
);

string_id!(
    /// A question's id: one of the bank's (`alongside questions`) or one
    /// of a funder's own (from its profile).
    QuestionId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compare_and_print_as_their_text() {
        let id: FunderId = "tudor-trust".parse().unwrap();
        assert_eq!(id, "tudor-trust");
        assert_eq!(id.to_string(), "tudor-trust");
        assert_eq!(&*id, "tudor-trust");
        let q = QuestionId::from("group_name");
        assert_eq!(
            toml::Value::try_from(&q).unwrap().as_str(),
            Some("group_name")
        );
    }
}
