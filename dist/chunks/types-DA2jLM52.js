const container=t=>({...t,counted:!1});class PlanOnly extends Error{name="PlanOnly"}export{PlanOnly as P,container as c};
